package io.smsbridge.store.db;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the database writer and H2's compaction have done since start, for the metrics endpoint: how
 * busy the one writer is, how much of that is the fsync, and how long compaction held the store. The
 * tail at 1,000 msg/s follows these (docs/benchmarks.md); adders, so the writer pays no lock.
 */
public final class DatabaseStats {

    private final LongAdder batches = new LongAdder();
    private final LongAdder transactions = new LongAdder();
    private final LongAdder busyNanos = new LongAdder();
    private final LongAdder forceNanos = new LongAdder();
    private final LongAdder compactionRounds = new LongAdder();
    private final LongAdder compactionNanos = new LongAdder();
    private volatile long fileBytes = -1;

    void batch(int transactionCount, long nanos) {
        batches.increment();
        transactions.add(transactionCount);
        busyNanos.add(nanos);
    }

    void forced(long nanos) {
        forceNanos.add(nanos);
    }

    void compacted(long nanos, long fileSize) {
        compactionRounds.increment();
        compactionNanos.add(nanos);
        fileBytes = fileSize;
    }

    /** Batches the group-commit writers ran (a batch is one commit, or each of its callers alone after a failure). */
    public long batches() {
        return batches.sum();
    }

    /** Callers' transactions in those batches. */
    public long transactions() {
        return transactions.sum();
    }

    /** Seconds the writers spent on batches, from taking one to answering its callers (summed over writers). */
    public double busySeconds() {
        return busyNanos.sum() / 1e9;
    }

    /** Seconds of that spent forcing commits to disk (embedded H2; next to none on PostgreSQL, whose COMMIT flushes). */
    public double forceSeconds() {
        return forceNanos.sum() / 1e9;
    }

    public long compactionRounds() {
        return compactionRounds.sum();
    }

    /** Seconds H2 compaction rounds took: the rewrite, under the store lock every commit needs, and an fsync. */
    public double compactionSeconds() {
        return compactionNanos.sum() / 1e9;
    }

    /** The embedded H2 file's size at the last compaction round; -1 on PostgreSQL or before the first. */
    public long h2FileBytes() {
        return fileBytes;
    }
}
