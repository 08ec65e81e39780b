package io.smsbridge.core.stickiness;

/** Why a sticky session ended; stored in lower case. */
public enum ClosedReason {
    EXPIRED, REASSIGNED, MANUAL;

    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
