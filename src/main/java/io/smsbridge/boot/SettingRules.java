package io.smsbridge.boot;

import io.smsbridge.core.time.Durations;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What each of the bridge's own settings may hold (its type and range), checked at start before
 * anything is opened: a bad value stops the start naming the key, the value and what is allowed,
 * instead of surfacing later (a queue with no consumers, a timer that never fires). Retry tables
 * are checked by their own reader; {@code camel.*} keys by Camel.
 */
final class SettingRules {

    /** Null when the value is fine, else what is allowed. */
    interface Rule extends Function<String, String> {
    }

    static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("management.port", port()),
            Map.entry("routes.dir", text()),
            Map.entry("routes.custom-dir", v -> null),
            Map.entry("routes.reload", bool()),
            Map.entry("demo", bool()),
            Map.entry("log.format", oneOf("text", "json")),
            Map.entry("db.url", v -> v.startsWith("jdbc:h2:") || v.startsWith("jdbc:postgresql:") ? null
                    : "a JDBC URL of H2 (jdbc:h2:file:…) or PostgreSQL (jdbc:postgresql://host:5432/db)"),
            Map.entry("db.user", v -> null),
            Map.entry("db.password", v -> null),
            Map.entry("db.pool-size", integer(1, 500)),
            Map.entry("db.writers", integer(1, 64)),
            Map.entry("db.batch-max", integer(1, 10_000)),
            Map.entry("directory.source", oneOf("file", "database")),
            Map.entry("directory.file", text()),
            Map.entry("directory.reload-interval", millis(100)),
            Map.entry("webhooks.trust-forwarded-for", bool()),
            Map.entry("webhooks.trusted-proxies", v -> null),
            Map.entry("optout.stop-words", v -> null),
            Map.entry("optout.start-words", v -> null),
            Map.entry("optout.help-words", v -> null),
            Map.entry("optout.stop-reply", v -> null),
            Map.entry("optout.start-reply", v -> null),
            Map.entry("optout.help-reply", v -> null),
            Map.entry("admin.operator-password", v -> null),
            Map.entry("admin.demo", bool()),
            Map.entry("admin.session-ttl", duration(Duration.ofMinutes(1))),
            Map.entry("admin.login-attempts", integer(1, 1000)),
            Map.entry("admin.login-window", duration(Duration.ofSeconds(1))),
            Map.entry("didww.base-url", httpUrl()),
            Map.entry("thinq.base-url", httpUrl()),
            Map.entry("providers.dir", text()),
            Map.entry("sender.concurrency", integer(1, 1000)),
            Map.entry("sender.bulk-concurrency", integer(1, 100)),
            Map.entry("sender.on-uncertain", oneOf("fail", "resend", "check")),
            Map.entry("platform.concurrency", integer(1, 1000)),
            Map.entry("jobs.poll-interval", millis(10)),
            Map.entry("jobs.lease", duration(Duration.ofSeconds(1))),
            Map.entry("jobs.heartbeat-interval", millis(100)),
            Map.entry("jobs.heartbeat-timeout", duration(Duration.ofSeconds(1))),
            Map.entry("jobs.poll-batch", integer(1, 10_000)),
            Map.entry("status.parked-sweep-interval", millis(100)),
            Map.entry("retention.messages", duration(Duration.ZERO)),
            Map.entry("retention.parked-reports", duration(Duration.ofMinutes(1))),
            Map.entry("retention.batch", integer(1, 100_000)),
            Map.entry("retention.max-batches", integer(1, 100_000)),
            Map.entry("retention.interval", millis(1000)),
            Map.entry("circuit.failure-threshold", integer(1, 10_000)),
            Map.entry("circuit.open-for", duration(Duration.ofMillis(100))),
            Map.entry("circuit.max-open-for", duration(Duration.ofMillis(100))));

    private SettingRules() {
    }

    /**
     * Checks every setting that has a rule, with its value as resolved ({@code value} gives it after
     * placeholders and overrides); throws naming the first bad one.
     */
    static void checkAll(UnaryOperator<String> value) {
        for (String key : new java.util.TreeSet<>(RULES.keySet())) {
            String v = value.apply(key);
            if (v == null) {
                continue; // a missing key is SettingKeys' and Settings' to name
            }
            String allowed = RULES.get(key).apply(v.trim());
            if (allowed != null) {
                throw new IllegalArgumentException(key + " = '" + v.trim() + "': " + allowed);
            }
        }
    }

    static Rule integer(int min, int max) {
        return v -> {
            try {
                int n = Integer.parseInt(v);
                return n >= min && n <= max ? null : "must be from " + min + " to " + max;
            } catch (NumberFormatException e) {
                return "not a whole number; use one from " + min + " to " + max;
            }
        };
    }

    /** A period in milliseconds (a Camel timer's). */
    static Rule millis(long min) {
        return v -> {
            try {
                return Long.parseLong(v) >= min ? null : "must be at least " + min + " (milliseconds)";
            } catch (NumberFormatException e) {
                return "not a number of milliseconds; use e.g. " + Math.max(min, 1000);
            }
        };
    }

    static Rule duration(Duration min) {
        return v -> {
            try {
                Duration d = Durations.parse(v);
                return d.compareTo(min) >= 0 ? null : "must be at least " + min.toString().substring(2).toLowerCase(
                        Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return "not a duration; use 250ms, 30s, 15m, 1h, 7d or ISO-8601 (PT1H)";
            }
        };
    }

    static Rule bool() {
        return oneOf("true", "false");
    }

    static Rule oneOf(String... values) {
        List<String> allowed = List.of(values);
        return v -> allowed.contains(v.toLowerCase(Locale.ROOT)) ? null : "must be " + String.join(", ", allowed);
    }

    static Rule text() {
        return v -> v.isBlank() ? "must not be empty" : null;
    }

    /** 0 as Camel reads it: any free port (tests, a management server that follows the main one). */
    static Rule port() {
        return integer(0, 65_535);
    }

    static Rule httpUrl() {
        return v -> {
            try {
                URI u = URI.create(v);
                return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null ? null
                        : "must be an http(s) URL, e.g. https://api.example.com";
            } catch (IllegalArgumentException e) {
                return "must be an http(s) URL, e.g. https://api.example.com";
            }
        };
    }
}
