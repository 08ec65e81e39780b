package io.smsbridge.edge.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smsbridge.core.retry.CircuitBreakers;
import io.smsbridge.store.JobKind;
import io.smsbridge.store.JobStore;
import io.smsbridge.store.directory.DirectoryService;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The outbox's backlog (carrier sends, bulk sends, platform posts) and each integration's circuit, as
 * gauges. The backlog is one small GROUP BY, read at most every {@link #FRESH} however often it is
 * scraped.
 */
public final class OutboxMeters {

    static final Duration FRESH = Duration.ofSeconds(5);

    private final JobStore jobs;
    private final DirectoryService directory;
    private final CircuitBreakers circuits;
    private final Supplier<Instant> clock;
    private volatile Map<JobKind, JobStore.Backlog> backlog = Map.of();
    private volatile Instant readAt = Instant.EPOCH;

    public OutboxMeters(JobStore jobs, DirectoryService directory, CircuitBreakers circuits, Supplier<Instant> clock) {
        this.jobs = jobs;
        this.directory = directory;
        this.circuits = circuits;
        this.clock = clock;
    }

    public void bindIfRegistry(Object meters) {
        if (!(meters instanceof MeterRegistry registry)) {
            return;
        }
        for (JobKind kind : JobKind.values()) {
            Gauge.builder("smsbridge.outbox.jobs", this, m -> m.backlog(kind).jobs())
                    .description("Jobs waiting in the outbox (or being worked on), by kind").tag("kind", kind.dbValue())
                    .register(registry);
            Gauge.builder("smsbridge.outbox.oldest.seconds", this, m -> m.oldestAge(kind))
                    .description("Age of the oldest job that is due or in work, by kind (0 when none; a retry scheduled for later is not counted)").tag("kind", kind.dbValue())
                    .register(registry);
        }
        Gauge.builder("smsbridge.circuits.open", this, m -> m.openCircuits(registry))
                .description("Integrations whose carrier is paused (circuit open)").register(registry);
        openCircuits(registry);
    }

    /** Registers a gauge for each integration of the directory (new ones too) and counts the open ones. */
    private double openCircuits(MeterRegistry registry) {
        int open = 0;
        for (String id : directory.current().integrations().keySet()) {
            Gauge.builder("smsbridge.circuit.open", circuits, c -> c.openUntil(id) == null ? 0 : 1)
                    .description("1 while the integration's carrier is paused (circuit open), else 0")
                    .tag("integration", id).register(registry);
            open += circuits.openUntil(id) == null ? 0 : 1;
        }
        return open;
    }

    private JobStore.Backlog backlog(JobKind kind) {
        Instant now = clock.get();
        if (now.isAfter(readAt.plus(FRESH))) {
            backlog = jobs.backlog();
            readAt = now;
        }
        return backlog.getOrDefault(kind, new JobStore.Backlog(0, null));
    }

    private double oldestAge(JobKind kind) {
        Instant oldest = backlog(kind).oldestDue();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.get()).toMillis() / 1000.0);
    }
}
