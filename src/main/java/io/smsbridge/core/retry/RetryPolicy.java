package io.smsbridge.core.retry;

import io.smsbridge.core.time.Durations;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One retry table from configuration ({@code retry.<name>.*}): which outcomes are transient or
 * permanent, which need an operator, and how long and how often to try again. Every provider and
 * the platform delivery are read by this one mechanism.
 *
 * @param name           policy name (provider name, or {@code platform})
 * @param transients     outcome keys that are worth another attempt
 * @param permanents     outcome keys that end the message at once
 * @param alerts         outcome keys an operator must act on (logged as errors)
 * @param fallback       class of an outcome neither list names
 * @param maxAttempts    attempts in all, the first included
 * @param attemptsByKey  a lower maximum for some outcomes (a carrier that already retried itself)
 * @param maxAge         no attempt is started this long after the first one
 * @param backoff        delay before the second attempt; doubles each time, with jitter
 * @param maxBackoff     the longest delay
 */
public record RetryPolicy(String name, Set<String> transients, Set<String> permanents, Set<String> alerts,
        FailureClass fallback, int maxAttempts, Map<String, Integer> attemptsByKey, Duration maxAge,
        Duration backoff, Duration maxBackoff) {

    public FailureClass classify(Outcome outcome) {
        for (String key : outcome.keys()) {
            if (transients.contains(key)) {
                return FailureClass.TRANSIENT;
            }
            if (permanents.contains(key)) {
                return FailureClass.PERMANENT;
            }
        }
        return fallback;
    }

    /** Whether an operator must act on this outcome (blocked trunk, no balance, …). */
    public boolean needsOperator(Outcome outcome) {
        return outcome.keys().stream().anyMatch(alerts::contains);
    }

    /**
     * When to try again after attempt number {@code attempts} failed with {@code outcome}, or null
     * to give up (a permanent outcome, or the policy is exhausted).
     */
    public Instant retryAt(Outcome outcome, int attempts, Instant firstCreated, Instant now, Duration retryAfter) {
        if (classify(outcome) != FailureClass.TRANSIENT) {
            return null;
        }
        int limit = maxAttempts;
        for (String key : outcome.keys()) {
            Integer cap = attemptsByKey.get(key);
            if (cap != null) {
                limit = Math.min(limit, cap);
            }
        }
        return attempts >= limit ? null : nextAttempt(attempts, firstCreated, now, retryAfter);
    }

    /**
     * When to try again after attempt number {@code attempts} failed transiently, or null when the
     * policy is exhausted. A carrier's Retry-After wins over the computed delay if it is longer.
     */
    public Instant nextAttempt(int attempts, Instant firstCreated, Instant now, Duration retryAfter) {
        if (attempts >= maxAttempts) {
            return null;
        }
        long cap = maxBackoff.toMillis();
        long exp = backoff.toMillis() << Math.min(Math.max(attempts - 1, 0), 30);
        long ceiling = Math.max(backoff.toMillis(), Math.min(cap, exp < 0 ? cap : exp));
        // jitter in the upper half: spreads a backlog without firing early
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        if (retryAfter != null && retryAfter.toMillis() > delay) {
            delay = retryAfter.toMillis();
        }
        Instant at = now.plusMillis(delay);
        return at.isAfter(firstCreated.plus(maxAge)) ? null : at;
    }

    /** Reads {@code retry.<name>.*}; {@code lookup} returns null for an absent key. */
    public static RetryPolicy fromProperties(String name, UnaryOperator<String> lookup) {
        String p = "retry." + name + ".";
        try {
            return new RetryPolicy(name,
                    keys(lookup.apply(p + "transient")),
                    keys(lookup.apply(p + "permanent")),
                    keys(lookup.apply(p + "alert")),
                    failureClass(lookup, p + "default"),
                    attempts(lookup, p + "max-attempts"),
                    caps(lookup.apply(p + "max-attempts-for")),
                    duration(lookup, p + "max-age"),
                    duration(lookup, p + "backoff"),
                    duration(lookup, p + "max-backoff"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("retry policy '" + name + "' in application.properties is invalid: "
                    + e.getMessage(), e);
        }
    }

    private static java.time.Duration duration(UnaryOperator<String> lookup, String key) {
        String v = value(lookup, key);
        try {
            return Durations.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " = '" + v + "': " + e.getMessage());
        }
    }

    private static int attempts(UnaryOperator<String> lookup, String key) {
        String v = value(lookup, key);
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new IllegalArgumentException(key + " = '" + v + "': a whole number of attempts, at least 1");
    }

    private static FailureClass failureClass(UnaryOperator<String> lookup, String key) {
        String v = value(lookup, key);
        try {
            return FailureClass.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " = '" + v + "': use transient or permanent");
        }
    }

    /** Every table inherits from retry.default.*, which application.properties sets in full. */
    private static String value(UnaryOperator<String> lookup, String key) {
        String v = lookup.apply(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(key + " is not set, nor inherited from retry.default."
                    + key.substring(key.lastIndexOf('.') + 1));
        }
        return v.trim();
    }

    private static Set<String> keys(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** {@code code.101=2, code.100=3} */
    private static Map<String, Integer> caps(String list) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String entry : keys(list)) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("max-attempts-for entry '" + entry + "' is not key=number");
            }
            out.put(entry.substring(0, eq).trim(), Integer.parseInt(entry.substring(eq + 1).trim()));
        }
        return Map.copyOf(out);
    }
}
