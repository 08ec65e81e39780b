package io.smsbridge.core.retry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    static final Map<String, String> PROPS = Map.of(
            "retry.didww.transient", "http.429, http.5xx, io, code.4",
            "retry.didww.permanent", "http.4xx",
            "retry.didww.default", "permanent",
            "retry.didww.max-attempts", "5",
            "retry.didww.max-age", "1h",
            "retry.didww.backoff", "10s",
            "retry.didww.max-backoff", "1m");
    static final RetryPolicy DIDWW = RetryPolicy.fromProperties("didww", PROPS::get);
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({"503, TRANSIENT", "500, TRANSIENT", "429, TRANSIENT", "400, PERMANENT", "401, PERMANENT",
            "302, PERMANENT"})
    void httpOutcomes(int status, FailureClass expected) {
        assertThat(DIDWW.classify(Outcome.http(status, null, "x"))).isEqualTo(expected);
    }

    @Test
    void carrierCodeWinsOverTheHttpStatus() {
        assertThat(DIDWW.classify(Outcome.http(400, "4", "internal"))).isEqualTo(FailureClass.TRANSIENT);
        assertThat(DIDWW.classify(Outcome.carrierCode("8", "source"))).isEqualTo(FailureClass.PERMANENT);
    }

    @Test
    void transportFailuresAreNamed() {
        assertThat(Outcome.io(new ConnectException("refused")).keys()).containsExactly("io.connect", "io");
        assertThat(Outcome.io(new SocketTimeoutException("slow")).keys()).containsExactly("io.timeout", "io");
        assertThat(DIDWW.classify(Outcome.io(new ConnectException("refused")))).isEqualTo(FailureClass.TRANSIENT);
    }

    @Test
    void backoffGrowsWithinItsBoundsAndStopsAtMaxAttempts() {
        for (int attempt = 1; attempt < 5; attempt++) {
            Instant next = DIDWW.nextAttempt(attempt, T0, T0, null);
            long ceiling = Math.min(60_000, 10_000L << (attempt - 1));
            assertThat(Duration.between(T0, next).toMillis()).isBetween(ceiling / 2, ceiling);
        }
        assertThat(DIDWW.nextAttempt(5, T0, T0, null)).isNull();
    }

    @Test
    void retryAfterIsHonouredAndMaxAgeEndsRetries() {
        assertThat(DIDWW.nextAttempt(1, T0, T0, Duration.ofMinutes(5))).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(DIDWW.nextAttempt(1, T0, T0.plus(Duration.ofMinutes(59)).plusSeconds(58), null)).isNull();
    }

    @Test
    void retryAfterHeaderForms() {
        assertThat(RetryAfter.parse("120", T0)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 00:01:00 GMT", T0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(RetryAfter.parse("soon", T0)).isNull();
    }

    @Test
    void aBadTableNamesThePolicy() {
        assertThatThrownBy(() -> RetryPolicy.fromProperties("x", Map.of("retry.x.backoff", "often")::get))
                .hasMessageContaining("retry policy 'x'");
    }

    @Test
    void aTemplatesTableTakesWhatItDoesNotSetFromTheTemplateTableAndTheRestFromTheDefaultTable() {
        Map<String, String> props = Map.of(
                "retry.default.default", "permanent",
                "retry.default.max-attempts", "10",
                "retry.default.max-age", "1h",
                "retry.default.backoff", "5s",
                "retry.default.max-backoff", "10m",
                "retry.template.transient", "http.5xx, io",
                "retry.template.max-attempts", "7",
                "retry.template.acme.transient", "code.throttled");
        RetryPolicies policies = new RetryPolicies(props::get);
        RetryPolicy acme = policies.forProvider("template:acme");
        assertThat(acme.name()).isEqualTo("template.acme");
        assertThat(acme.transients()).containsExactly("code.throttled");
        assertThat(acme.maxAttempts()).isEqualTo(7);
        RetryPolicy other = policies.forProvider("template:other");
        assertThat(other.transients()).containsExactly("http.5xx", "io");
        assertThat(policies.forProvider("didww").maxAttempts()).isEqualTo(10); // no table: retry.default.*
        assertThat(acme.maxAge()).isEqualTo(java.time.Duration.ofHours(1));
    }
}
