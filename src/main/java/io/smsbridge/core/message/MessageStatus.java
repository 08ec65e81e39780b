package io.smsbridge.core.message;

import java.util.Locale;

/**
 * Message states. Inbound: received → delivered_to_platform. Outbound: queued → sending → sent →
 * delivered, or retrying, or failed. An outbound status never moves back down its rank.
 */
public enum MessageStatus {
    RECEIVED(0), DELIVERED_TO_PLATFORM(1),
    QUEUED(0), RETRYING(1), SENDING(2), SENT(3), DELIVERED(4), FAILED(4);

    private final int rank;

    MessageStatus(int rank) {
        this.rank = rank;
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean isFinal() {
        return this == DELIVERED || this == FAILED;
    }

    /** Whether a report of {@code next} may replace this status (never backwards, never past final). */
    public boolean canMoveTo(MessageStatus next) {
        return !isFinal() && next.rank > rank;
    }
}
