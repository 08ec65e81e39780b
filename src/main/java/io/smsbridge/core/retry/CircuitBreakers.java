package io.smsbridge.core.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit per carrier integration, per instance. After {@code threshold} transient failures in a
 * row the circuit opens: sends wait (their jobs are moved to the reopening time, in their original
 * order) instead of each failing on its own schedule. When the time comes one send probes the
 * carrier; success closes the circuit and releases the waiting sends, which drain oldest first at the
 * senders' pace; failure keeps it open twice as long, up to {@code maxOpen}.
 */
public final class CircuitBreakers {

    /**
     * What a sender may do now. {@code waitUntil} is null when it may send; {@code probe} when this
     * send is the one that tries a failing carrier again.
     */
    public record Permit(Instant waitUntil, boolean probe) {
        public boolean allowed() {
            return waitUntil == null;
        }
    }

    private static final Permit GO = new Permit(null, false);
    private static final Permit PROBE = new Permit(null, true);

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

    /** Records a success; returns true when this closed an open circuit (its waiting sends may go now). */
    public boolean succeeded(String key) {
        Circuit c = circuits.get(key);
        return c != null && c.succeeded();
    }

    /** Until when the circuit of {@code key} holds sends back, or null when it is closed. */
    public Instant openUntil(String key) {
        Circuit c = circuits.get(key);
        return c == null ? null : c.openUntil();
    }

    /** A carrier's Retry-After as the bridge honours it: at most max-open-for (a year's is a typo or a bug). */
    public java.time.Duration capped(java.time.Duration retryAfter) {
        return retryAfter == null || retryAfter.compareTo(maxOpen) <= 0 ? retryAfter : maxOpen;
    }

    /**
     * The carrier asked for a pause (429 with Retry-After): {@code key} holds every send until
     * {@code until} (at most max-open-for from now), and then sends one probe, as an open circuit does.
     */
    public void holdUntil(String key, Instant until, Instant now) {
        Instant capped = until.isAfter(now.plus(maxOpen)) ? now.plus(maxOpen) : until;
        circuits.computeIfAbsent(key, k -> new Circuit()).holdUntil(capped);
    }

    /**
     * Whether new sends of {@code key} must queue behind held ones: while its circuit is open, and
     * after it closed until the poller has handed over the sends that waited ({@link #drained}).
     */
    public boolean holding(String key) {
        Circuit c = circuits.get(key);
        return c != null && c.holding();
    }

    /** When the circuit of {@code key} last closed with sends waiting (null when it is not draining). */
    public Instant drainingSince(String key) {
        Circuit c = circuits.get(key);
        return c == null ? null : c.drainingSince();
    }

    /** The keys whose circuit closed and whose waiting sends are still being handed over. */
    public java.util.Set<String> draining() {
        java.util.Set<String> out = new java.util.HashSet<>();
        circuits.forEach((k, c) -> {
            if (c.drainingSince() != null) {
                out.add(k);
            }
        });
        return out;
    }

    /** The sends that waited for {@code key} are all handed over: new ones may take the fast path again. */
    public void drained(String key) {
        Circuit c = circuits.get(key);
        if (c != null) {
            c.drained();
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
        private Instant probeStarted;
        private Instant drainingSince;

        synchronized void holdUntil(Instant until) {
            if (openUntil == null || until.isAfter(openUntil)) {
                openUntil = until;
                probing = false;
            }
        }

        synchronized boolean holding() {
            return openUntil != null || drainingSince != null;
        }

        synchronized Instant drainingSince() {
            return drainingSince;
        }

        synchronized void drained() {
            drainingSince = null;
        }

        synchronized Permit permit(Instant now) {
            if (openUntil == null) {
                return GO;
            }
            if (now.isBefore(openUntil)) {
                return new Permit(openUntil, false);
            }
            // a probe whose answer never came (its sender died) is replaced after one open period
            if (!probing || now.isAfter(probeStarted.plus(currentOpen))) {
                probing = true;
                probeStarted = now;
                return PROBE;
            }
            // a probe is out: the rest wait for its answer (a success releases them at once)
            return new Permit(now.plus(currentOpen), false);
        }

        synchronized Instant openUntil() {
            return openUntil;
        }

        synchronized boolean succeeded() {
            boolean wasOpen = openUntil != null;
            if (wasOpen) {
                drainingSince = Instant.now();
            }
            failures = 0;
            openUntil = null;
            probing = false;
            currentOpen = open;
            return wasOpen;
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
