package io.smsbridge.edge.observe;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.smsbridge.store.db.DatabaseStats;

import java.util.function.ToDoubleFunction;

/**
 * The database writer's work on {@code /observe/metrics}. Under load the writer can be busy nearly all
 * the time by design (it commits again as soon as a commit ends); saturation shows as transactions per
 * commit growing towards {@code db.batch-max}, and the fsync and compaction shares say where its time
 * goes.
 */
public final class DatabaseMeters implements MeterBinder {

    private final DatabaseStats stats;

    public DatabaseMeters(DatabaseStats stats) {
        this.stats = stats;
    }

    /** Binds to {@code registry} if it is a Micrometer registry (camel-main binds one as {@code metricsRegistry}). */
    public static void bindIfRegistry(Object registry, DatabaseStats stats) {
        if (registry instanceof MeterRegistry meters) {
            new DatabaseMeters(stats).bindTo(meters);
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "smsbridge.db.commits", DatabaseStats::batches, "Batches the group-commit writer committed");
        counter(registry, "smsbridge.db.transactions", DatabaseStats::transactions, "Callers' transactions in those batches");
        counter(registry, "smsbridge.db.writer.busy.seconds", DatabaseStats::busySeconds,
                "Time the writer spent on batches, fsync included");
        counter(registry, "smsbridge.db.fsync.seconds", DatabaseStats::forceSeconds,
                "Time spent forcing embedded H2 commits to disk");
        counter(registry, "smsbridge.h2.compaction.rounds", DatabaseStats::compactionRounds, "H2 compaction rounds");
        counter(registry, "smsbridge.h2.compaction.seconds", DatabaseStats::compactionSeconds,
                "Time H2 compaction rounds took: rewriting sparse chunks under the store lock, then an fsync");
        Gauge.builder("smsbridge.h2.file.bytes", stats, DatabaseStats::h2FileBytes)
                .description("Size of the embedded H2 file; -1 on PostgreSQL").register(registry);
    }

    private void counter(MeterRegistry registry, String name, ToDoubleFunction<DatabaseStats> value, String description) {
        FunctionCounter.builder(name, stats, value).description(description).register(registry);
    }
}
