package io.smsbridge.stickiness;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a number's stickiness setting: ISO-8601 ({@code PT1H}) or {@code 30s 15m 1h 1d}; 0 or disabled = off. */
public final class Stickiness {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smhd])");

    private Stickiness() {
    }

    public static Duration parse(String value) {
        if (value == null) {
            return Duration.ZERO;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty() || v.equals("0") || v.equals("disabled") || v.equals("off") || v.equals("false")) {
            return Duration.ZERO;
        }
        Matcher m = SHORT.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            Duration d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            if (d.isNegative()) {
                throw new IllegalArgumentException("stickiness '" + value + "' is negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("stickiness '" + value
                    + "' is not a duration: use 30s, 15m, 1h, 1d, ISO-8601 such as PT1H, or 0 / disabled");
        }
    }
}
