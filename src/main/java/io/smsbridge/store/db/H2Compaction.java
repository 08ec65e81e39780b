package io.smsbridge.store.db;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps an embedded H2 file from growing without bound. With WRITE_DELAY=0 (each commit is in the
 * file before the caller is answered) H2 runs no background writer, and that thread is also the one
 * that rewrites sparse chunks: every commit writes a new chunk, soon mostly dead, but the few live
 * pages left in it keep its space from being reused. Unattended the file grew ~15 KB per message
 * (4.6 GB after 312,000 messages, 33,000 chunks 6% live). Every 200 ms this rewrites the live pages
 * of the sparsest chunks at least {@link #MIN_AGE} old (at most {@link #WRITE_LIMIT} bytes), as H2's
 * own writer would, so those chunks are freed and their space reused once {@link H2File#RETENTION}
 * has passed. Each round also forces the file to disk, for the writes that did not come through a
 * synced commit (autocommit statements such as a job's lease): none stays unforced past a round.
 */
final class H2Compaction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(H2Compaction.class);

    /** Chunks with less than this share of live pages are rewritten. */
    static final int TARGET_FILL_RATE = 50;
    /**
     * Per round. A round holds the store lock every commit needs, and its pages go out with the next
     * commit. 15 minutes at 1,000 msg/s: 2 MB rounds held the lock 3.5–5.2 s of every 30 s (rounds up
     * to 184 ms, accept p99 118 ms), 512 KB rounds 2.4–3.0 s (p99 77 ms), the file no larger
     * (measured in the sustained benchmark, docs/benchmarks.md).
     */
    static final int WRITE_LIMIT = 512 << 10;
    static final Duration EVERY = Duration.ofMillis(200);
    /**
     * Younger chunks are left alone: most of their live pages die by themselves within seconds, and
     * rewriting them (any chunk past the 2 s retention) tripled the bytes written per message
     * (the sustained benchmark). 45 s is H2's own choice, its default retention.
     */
    static final Duration MIN_AGE = Duration.ofSeconds(45);

    private final DataSource dataSource;
    private final int minAgeMs;
    private final DatabaseStats stats;
    private final ScheduledExecutorService timer;
    private volatile boolean disabled;

    private H2Compaction(DataSource dataSource, Duration every, Duration minAge, DatabaseStats stats) {
        this.dataSource = dataSource;
        this.minAgeMs = (int) minAge.toMillis();
        this.stats = stats;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "h2-compaction");
            t.setDaemon(true);
            return t;
        });
        long ms = every.toMillis();
        timer.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    }

    static H2Compaction start(DataSource dataSource, DatabaseStats stats) {
        return start(dataSource, EVERY, MIN_AGE, stats);
    }

    static H2Compaction start(DataSource dataSource, Duration every, Duration minAge, DatabaseStats stats) {
        return new H2Compaction(dataSource, every, minAge, stats);
    }

    private void tick() {
        if (disabled) {
            return;
        }
        try {
            compactOnce();
        } catch (Exception | LinkageError e) {
            // not fatal: the data is safe, only the file grows; say so once and stop trying
            disabled = true;
            LOG.warn("H2 file compaction stopped ({}); the database file will grow until the next restart", e.toString());
        }
    }

    /** One round; true if chunks were rewritten. */
    boolean compactOnce() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            MVStore store = H2File.store(c);
            // H2 rewrites only chunks older than its retention time, which H2File keeps short; the round
            // borrows it as its minimum age. A commit in between merely frees its dead chunks a commit later.
            int reuseAfter = store.getRetentionTime();
            store.setRetentionTime(minAgeMs);
            boolean rewritten;
            long start = System.nanoTime();
            try {
                rewritten = store.compact(TARGET_FILL_RATE, WRITE_LIMIT);
            } finally {
                store.setRetentionTime(reuseAfter);
            }
            store.sync();
            stats.compacted(System.nanoTime() - start, store.getFileStore().size());
            return rewritten;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
