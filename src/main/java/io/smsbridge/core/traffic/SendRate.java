package io.smsbridge.core.traffic;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fast an integration or a number may send: {@code 10/s} (also /m, /h) with a burst of sends
 * that may go at once after a quiet spell. The burst defaults to one second's worth (at least 1).
 */
public record SendRate(double perSecond, int burst) {

    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(s|sec|second|m|min|minute|h|hour)");
    private static final int MAX_BURST = 100_000;

    public SendRate {
        if (!(perSecond > 0) || perSecond > 100_000) {
            throw new IllegalArgumentException("the rate must be more than 0 and at most 100000/s");
        }
        if (burst < 1 || burst > MAX_BURST) {
            throw new IllegalArgumentException("the burst must be a whole number from 1 to " + MAX_BURST);
        }
    }

    /** Reads {@code rate} ("10/s", "600/m", "0.5/s") and {@code burst} (null: one second's worth). */
    public static SendRate parse(String rate, String burst) {
        Matcher m = RATE.matcher(rate == null ? "" : rate.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + rate + "' is not a rate: write it as messages per second,"
                    + " minute or hour, such as 10/s, 600/m or 3600/h");
        }
        double n = Double.parseDouble(m.group(1));
        double perSecond = switch (m.group(2).charAt(0)) {
            case 's' -> n;
            case 'm' -> n / 60;
            default -> n / 3600;
        };
        int b;
        if (burst == null || burst.isBlank()) {
            b = (int) Math.max(1, Math.ceil(perSecond));
        } else {
            try {
                b = Integer.parseInt(burst.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("burst '" + burst + "' is not a whole number");
            }
        }
        return new SendRate(perSecond, b);
    }

    /** The time one send uses up. */
    public Duration interval() {
        return Duration.ofNanos(Math.max(1, Math.round(1_000_000_000d / perSecond)));
    }
}
