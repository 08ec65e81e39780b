package io.smsbridge.store.db;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class Uuid7Test {

    @Test
    void isAVersion7UuidWithTheTimeInFront() {
        UUID u = UUID.fromString(Uuid7.next(0x0189_7A2B_3C4DL, -1L, -1L));
        assertThat(u.version()).isEqualTo(7);
        assertThat(u.variant()).isEqualTo(2);
        assertThat(u.toString()).startsWith("01897a2b-3c4d-7fff-bfff-");
    }

    @Test
    void laterMillisecondsSortLaterAsText() {
        String earlier = Uuid7.next(1_700_000_000_000L, -1L, -1L);
        String later = Uuid7.next(1_700_000_000_001L, 0L, 0L);
        assertThat(later).isGreaterThan(earlier);
        assertThat(Uuid7.next()).hasSize(36).isNotEqualTo(Uuid7.next());
    }

    @Test
    void recognisesTheCanonicalFormOnly() {
        assertThat(Uuid7.isUuid(Uuid7.next())).isTrue();
        assertThat(Uuid7.isUuid("0189F7A2-3C4D-7FFF-BFFF-FFFFFFFFFFFF")).isTrue();
        assertThat(Uuid7.isUuid(null)).isFalse();
        assertThat(Uuid7.isUuid("")).isFalse();
        assertThat(Uuid7.isUuid("m-old")).isFalse();
        assertThat(Uuid7.isUuid("1-1-1-1-1")).isFalse(); // UUID.fromString takes this one
        assertThat(Uuid7.isUuid("0189f7a2-3c4d-7fff-bfff-fffffffffffg")).isFalse();
        assertThat(Uuid7.isUuid("0189f7a2+3c4d-7fff-bfff-ffffffffffff")).isFalse();
        assertThat(Uuid7.isUuid("0189f7a2-3c4d-7fff-bfff-ffffffffffff0")).isFalse();
    }
}
