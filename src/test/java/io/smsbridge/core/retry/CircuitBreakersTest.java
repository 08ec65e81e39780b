package io.smsbridge.core.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakersTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    final CircuitBreakers circuits = new CircuitBreakers(3, Duration.ofSeconds(10), Duration.ofSeconds(30));

    @Test
    void opensAfterTheThresholdAndLetsOneProbeThrough() {
        assertThat(circuits.failed("i", T0)).isFalse();
        assertThat(circuits.failed("i", T0)).isFalse();
        assertThat(circuits.failed("i", T0)).isTrue();
        assertThat(circuits.permit("i", T0.plusSeconds(5)).waitUntil()).isEqualTo(T0.plusSeconds(10));
        assertThat(circuits.permit("i", T0.plusSeconds(10)).allowed()).isTrue();       // the probe
        assertThat(circuits.permit("i", T0.plusSeconds(10)).allowed()).isFalse();      // the rest wait
        assertThat(circuits.permit("other", T0.plusSeconds(10)).allowed()).isTrue();   // per integration
    }

    @Test
    void aFailedProbeDoublesTheWaitUpToTheMaximum() {
        for (int i = 0; i < 3; i++) {
            circuits.failed("i", T0);
        }
        circuits.permit("i", T0.plusSeconds(10));
        assertThat(circuits.failed("i", T0.plusSeconds(10))).isTrue();
        assertThat(circuits.permit("i", T0.plusSeconds(11)).waitUntil()).isEqualTo(T0.plusSeconds(30));
        circuits.permit("i", T0.plusSeconds(30));
        circuits.failed("i", T0.plusSeconds(30));
        assertThat(circuits.permit("i", T0.plusSeconds(31)).waitUntil()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aSuccessClosesAndSaysSo() {
        for (int i = 0; i < 3; i++) {
            circuits.failed("i", T0);
        }
        assertThat(circuits.succeeded("i")).isTrue();
        assertThat(circuits.succeeded("i")).isFalse();
        assertThat(circuits.permit("i", T0).allowed()).isTrue();
    }

    @Test
    void aLostProbeIsReplaced() {
        for (int i = 0; i < 3; i++) {
            circuits.failed("i", T0);
        }
        assertThat(circuits.permit("i", T0.plusSeconds(10)).allowed()).isTrue();
        assertThat(circuits.permit("i", T0.plusSeconds(15)).allowed()).isFalse();
        assertThat(circuits.permit("i", T0.plusSeconds(21)).allowed()).isTrue();
    }

    @Test
    void aCarriersRetryAfterHoldsTheIntegrationCappedAtTheLongestPause() {
        circuits.holdUntil("a", T0.plusSeconds(20), T0);
        assertThat(circuits.openUntil("a")).isEqualTo(T0.plusSeconds(20));
        assertThat(circuits.permit("a", T0.plusSeconds(19)).allowed()).isFalse();
        assertThat(circuits.permit("a", T0.plusSeconds(20)).probe()).isTrue();
        // a year is held for the longest pause (30 s here), not a year
        circuits.holdUntil("b", T0.plus(Duration.ofDays(365)), T0);
        assertThat(circuits.openUntil("b")).isEqualTo(T0.plusSeconds(30));
        // a shorter hold does not shorten a longer pause
        circuits.holdUntil("a", T0.plusSeconds(5), T0);
        assertThat(circuits.openUntil("a")).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void aClosedCircuitDrainsBeforeNewSendsTakeTheFastPath() {
        for (int i = 0; i < 3; i++) {
            circuits.failed("a", T0);
        }
        assertThat(circuits.holding("a")).isTrue();
        assertThat(circuits.succeeded("a")).isTrue();
        assertThat(circuits.holding("a")).isTrue();
        assertThat(circuits.draining()).containsExactly("a");
        circuits.drained("a");
        assertThat(circuits.holding("a")).isFalse();
        assertThat(circuits.holding("never-failed")).isFalse();
    }

    @Test
    void retryAfterReadsSecondsAndDatesAndIgnoresGarbage() {
        assertThat(RetryAfter.parse("30", T0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 00:01:00 GMT", T0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(RetryAfter.parse("soon", T0)).isNull();
        assertThat(RetryAfter.parse("-5", T0)).isNull();
        assertThat(RetryAfter.parse("99999999999999999999", T0)).isNull();
        assertThat(RetryAfter.parse("31536000", T0)).isEqualTo(Duration.ofDays(365));
    }

    @Test
    void aRetryAfterIsHonouredUpToTheLongestPause() {
        CircuitBreakers c = new CircuitBreakers(3, Duration.ofSeconds(10), Duration.ofMinutes(2));
        assertThat(c.capped(Duration.ofDays(365))).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.capped(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.capped(null)).isNull();
    }
}
