package io.smsbridge.core.retry;

import java.util.Locale;

/**
 * What happens to a send whose outcome is unknown: its carrier call began, then the bridge stopped
 * before the answer was recorded (a crash, a cut shutdown). DIDWW and thinQ take no idempotency key,
 * so sending again may text the customer twice.
 */
public enum OnUncertain {
    /** Send again: at least once, perhaps twice. */
    RESEND,
    /** Mark it failed ({@link #REASON}) and tell the platform: at most once. */
    FAIL,
    /** Ask the carrier whether it took the message, and send again only if it did not. */
    CHECK;

    /** The failed message's code and reason. */
    public static final String CODE = "uncertain";
    public static final String REASON = "outcome unknown after restart";

    /** The failure an uncertain send is marked with; {@code detail}, when given, follows the reason. */
    public static Outcome outcome(String detail) {
        return new Outcome(java.util.List.of(CODE), CODE, detail == null ? REASON : REASON + "; " + detail);
    }

    /** {@code resend}, {@code fail} or {@code check}, in any case. */
    public static OnUncertain parse(String value) {
        if (value != null) {
            for (OnUncertain o : values()) {
                if (o.name().equalsIgnoreCase(value.trim())) {
                    return o;
                }
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not resend, fail or check");
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
