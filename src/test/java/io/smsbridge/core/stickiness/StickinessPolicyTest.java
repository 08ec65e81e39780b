package io.smsbridge.core.stickiness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StickinessPolicyTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);
    static final List<String> USERS = List.of("101@acme.example", "102@acme.example");

    @Test
    void disabledSendsEveryInboundToAll() {
        Session open = new Session("s", "101@acme.example", NOW.plusSeconds(60));
        InboundDecision d = StickinessPolicy.onInbound(open, Duration.ZERO, USERS, NOW);
        assertThat(d.group()).isTrue();
        assertThat(d.recipients()).isEqualTo(USERS);
        assertThat(d.extendTo()).isNull();
        assertThat(d.close()).isNull();
    }

    @Test
    void disabledOutboundOpensNothing() {
        assertThat(StickinessPolicy.onOutbound(null, Duration.ZERO, "101@acme.example", NOW))
                .isEqualTo(OutboundDecision.NONE);
    }

    @Test
    void firstOutboundOpensASession() {
        OutboundDecision d = StickinessPolicy.onOutbound(null, HOUR, "101@acme.example", NOW);
        assertThat(d.openOwner()).isEqualTo("101@acme.example");
        assertThat(d.extendTo()).isEqualTo(NOW.plus(HOUR));
        assertThat(d.close()).isNull();
    }

    @Test
    void ownerSendingAgainExtendsTheSession() {
        Session open = new Session("s", "101@acme.example", NOW.plusSeconds(60));
        OutboundDecision d = StickinessPolicy.onOutbound(open, HOUR, "101@acme.example", NOW);
        assertThat(d.openOwner()).isNull();
        assertThat(d.close()).isNull();
        assertThat(d.extendTo()).isEqualTo(NOW.plus(HOUR));
    }

    @Test
    void anotherUserTakesOver() {
        Session open = new Session("s", "101@acme.example", NOW.plusSeconds(60));
        OutboundDecision d = StickinessPolicy.onOutbound(open, HOUR, "102@acme.example", NOW);
        assertThat(d.close()).isEqualTo(ClosedReason.REASSIGNED);
        assertThat(d.openOwner()).isEqualTo("102@acme.example");
    }

    @Test
    void outboundAfterExpiryClosesTheOldSessionAsExpired() {
        Session old = new Session("s", "101@acme.example", NOW.minusSeconds(1));
        OutboundDecision d = StickinessPolicy.onOutbound(old, HOUR, "102@acme.example", NOW);
        assertThat(d.close()).isEqualTo(ClosedReason.EXPIRED);
        assertThat(d.openOwner()).isEqualTo("102@acme.example");
    }

    @Test
    void inboundWithOpenSessionGoesToTheOwnerOnlyAndExtends() {
        Session open = new Session("s", "102@acme.example", NOW.plusSeconds(5));
        InboundDecision d = StickinessPolicy.onInbound(open, HOUR, USERS, NOW);
        assertThat(d.group()).isFalse();
        assertThat(d.recipients()).containsExactly("102@acme.example");
        assertThat(d.extendTo()).isEqualTo(NOW.plus(HOUR));
    }

    @Test
    void inboundWithoutSessionIsAGroupChat() {
        InboundDecision d = StickinessPolicy.onInbound(null, HOUR, USERS, NOW);
        assertThat(d.group()).isTrue();
        assertThat(d.recipients()).isEqualTo(USERS);
    }

    @Test
    void expiredSessionIsNeverUsedAndIsClosedAsExpired() {
        Session expired = new Session("s", "101@acme.example", NOW);   // expires_at == now: not open
        InboundDecision d = StickinessPolicy.onInbound(expired, HOUR, USERS, NOW);
        assertThat(d.group()).isTrue();
        assertThat(d.close()).isEqualTo(ClosedReason.EXPIRED);
        assertThat(d.extendTo()).isNull();
    }

    @Test
    void ownerNoLongerOnTheNumberMakesItAGroupChat() {
        Session open = new Session("s", "999@acme.example", NOW.plusSeconds(60));
        InboundDecision d = StickinessPolicy.onInbound(open, HOUR, USERS, NOW);
        assertThat(d.group()).isTrue();
        assertThat(d.close()).isEqualTo(ClosedReason.REASSIGNED);
    }

    @ParameterizedTest(name = "{0} -> {1}s")
    @CsvSource({"1h, 3600", "30s, 30", "15m, 900", "1d, 86400", "PT1H, 3600", "pt2m, 120", "0, 0", "disabled, 0",
            "'', 0"})
    void stickinessSettings(String value, long seconds) {
        assertThat(Stickiness.parse(value).toSeconds()).isEqualTo(seconds);
    }

    @Test
    void badStickinessSaysWhatToWrite() {
        assertThatThrownBy(() -> Stickiness.parse("an hour")).hasMessageContaining("1h");
    }
}
