package io.smsbridge.core.traffic;

import java.time.Instant;

/**
 * The generic cell rate algorithm: one timestamp per limited key (its theoretical arrival time) says
 * when the next send may go. A send is never refused: it reserves the next slot and learns when that
 * is, so sends over the rate wait in line instead of being dropped.
 */
public final class Gcra {

    /** When the send may go, and the key's new theoretical arrival time to store. */
    public record Slot(Instant sendAt, Instant nextTat) {
    }

    private Gcra() {
    }

    /** {@code tat}: the stored time, or null for a key never used. */
    public static Slot reserve(Instant tat, Instant now, SendRate rate) {
        Instant base = tat == null || tat.isBefore(now) ? now : tat;
        Instant sendAt = base.minus(rate.interval().multipliedBy(rate.burst() - 1L));
        return new Slot(sendAt.isBefore(now) ? now : sendAt, base.plus(rate.interval()));
    }
}
