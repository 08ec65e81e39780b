package io.smsbridge.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit per carrier integration, per instance. After {@code threshold} transient failures in a
 * row the circuit opens: sends wait (their jobs are moved to the reopening time, in their original
 * order) instead of each failing on its own schedule. When the time comes one send probes the
 * carrier; success closes the circuit and the backlog drains oldest first at the senders' pace;
 * failure keeps it open twice as long, up to {@code maxOpen}.
 */
public final class CircuitBreakers {

    /** What a sender may do now. {@code waitUntil} is null when it may send. */
    public record Permit(Instant waitUntil) {
        public boolean allowed() {
            return waitUntil == null;
        }
    }

    private static final Permit GO = new Permit(null);

    private final int threshold;
    private final Duration open;
    private final Duration maxOpen;
    private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();

    public CircuitBreakers(int threshold, Duration open, Duration maxOpen) {
        this.threshold = threshold;
        this.open = open;
        this.maxOpen = maxOpen;
    }

    public Permit permit(String key, Instant now) {
        Circuit c = circuits.get(key);
        return c == null ? GO : c.permit(now);
    }

    public void succeeded(String key) {
        Circuit c = circuits.get(key);
        if (c != null) {
            c.succeeded();
        }
    }

    /** Records a transient failure; returns true when this failure opened (or re-opened) the circuit. */
    public boolean failed(String key, Instant now) {
        return circuits.computeIfAbsent(key, k -> new Circuit()).failed(now);
    }

    private final class Circuit {
        private int failures;
        private Instant openUntil;
        private Duration currentOpen = open;
        private boolean probing;

        synchronized Permit permit(Instant now) {
            if (openUntil == null) {
                return GO;
            }
            if (now.isBefore(openUntil)) {
                return new Permit(openUntil);
            }
            if (!probing) {
                probing = true;
                return GO;
            }
            // a probe is out: the rest wait for its answer
            return new Permit(now.plus(currentOpen.dividedBy(2)));
        }

        synchronized void succeeded() {
            failures = 0;
            openUntil = null;
            probing = false;
            currentOpen = open;
        }

        synchronized boolean failed(Instant now) {
            failures++;
            if (probing) {
                probing = false;
                currentOpen = currentOpen.multipliedBy(2).compareTo(maxOpen) > 0 ? maxOpen : currentOpen.multipliedBy(2);
                openUntil = now.plus(currentOpen);
                return true;
            }
            if (openUntil == null && failures >= threshold) {
                openUntil = now.plus(currentOpen);
                return true;
            }
            return false;
        }
    }
}
