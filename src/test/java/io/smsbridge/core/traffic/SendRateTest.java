package io.smsbridge.core.traffic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendRateTest {

    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void readsRatesPerSecondMinuteAndHour() {
        assertThat(SendRate.parse("10/s", "20")).isEqualTo(new SendRate(10, 20));
        assertThat(SendRate.parse("600/m", null)).isEqualTo(new SendRate(10, 10));
        assertThat(SendRate.parse("3600 / h", null)).isEqualTo(new SendRate(1, 1));
        assertThat(SendRate.parse("0.5/s", null)).isEqualTo(new SendRate(0.5, 1));
        assertThat(SendRate.parse("10/s", null).interval()).isEqualTo(Duration.ofMillis(100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "fast", "10/d", "-1/s", "0/s", "/s", "10/s/s", "1e3/s", "200000/s"})
    void refusesWhatIsNotARate(String rate) {
        assertThatThrownBy(() -> SendRate.parse(rate, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "two", "1.5", "1000000"})
    void refusesABadBurst(String burst) {
        assertThatThrownBy(() -> SendRate.parse("10/s", burst)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBurstGoesAtOnceThenSendsAreSpacedByTheRate() {
        SendRate r = new SendRate(10, 3);
        Instant tat = null;
        List<Instant> at = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Gcra.Slot s = Gcra.reserve(tat, T0, r);
            at.add(s.sendAt());
            tat = s.nextTat();
        }
        assertThat(at).containsExactly(T0, T0, T0, T0.plusMillis(100), T0.plusMillis(200), T0.plusMillis(300));
    }

    @Test
    void aQuietSpellRefillsTheBurstButNoMore() {
        SendRate r = new SendRate(10, 2);
        Gcra.Slot a = Gcra.reserve(null, T0, r);
        Gcra.Slot b = Gcra.reserve(a.nextTat(), T0, r);
        // ten seconds later: the burst (2) again, not 100 saved-up sends
        Instant later = T0.plusSeconds(10);
        Gcra.Slot c = Gcra.reserve(b.nextTat(), later, r);
        Gcra.Slot d = Gcra.reserve(c.nextTat(), later, r);
        Gcra.Slot e = Gcra.reserve(d.nextTat(), later, r);
        assertThat(c.sendAt()).isEqualTo(later);
        assertThat(d.sendAt()).isEqualTo(later);
        assertThat(e.sendAt()).isEqualTo(later.plusMillis(100));
    }
}
