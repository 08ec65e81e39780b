package io.smsbridge.core.stickiness;

import io.smsbridge.core.time.Durations;

import java.time.Duration;
import java.util.Locale;

/** Parses a number's stickiness setting: a duration ({@code 30s 15m 1h 1d}, ISO {@code PT1H}); 0 or disabled = off. */
public final class Stickiness {

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
        try {
            return Durations.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stickiness " + e.getMessage() + ", or 0 / disabled to turn it off");
        }
    }
}
