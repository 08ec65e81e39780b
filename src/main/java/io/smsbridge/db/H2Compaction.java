package io.smsbridge.db;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
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
 * of chunks under {@link #TARGET_FILL_RATE}% (at most {@link #WRITE_LIMIT} bytes), as H2's own writer
 * would, so those chunks are freed and their space reused (a few hundred chunks stay live).
 * What remains is H2's RETENTION_TIME: space freed in the last 45 s is not reused yet, so under
 * sustained load the file holds about 45 s of commits (~40 KB each) as free space.
 */
final class H2Compaction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(H2Compaction.class);

    /** Chunks with less than this share of live pages are rewritten. */
    static final int TARGET_FILL_RATE = 50;
    /** Per round; 10 MB/s cost nothing measurable at 1000 msg/s, 40 MB/s doubled the p99. */
    static final int WRITE_LIMIT = 2 << 20;
    static final Duration EVERY = Duration.ofMillis(200);

    private final DataSource dataSource;
    private final ScheduledExecutorService timer;
    private volatile boolean disabled;

    private H2Compaction(DataSource dataSource, Duration every) {
        this.dataSource = dataSource;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "h2-compaction");
            t.setDaemon(true);
            return t;
        });
        long ms = every.toMillis();
        timer.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    }

    static H2Compaction start(DataSource dataSource) {
        return start(dataSource, EVERY);
    }

    static H2Compaction start(DataSource dataSource, Duration every) {
        return new H2Compaction(dataSource, every);
    }

    /** An embedded H2 database in a file (not in memory, not an H2 server reached over TCP). */
    static boolean appliesTo(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = url.substring("jdbc:h2:".length());
        return !rest.startsWith("mem:") && !rest.startsWith("tcp:") && !rest.startsWith("ssl:");
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
            MVStore store = ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
            return store.compact(TARGET_FILL_RATE, WRITE_LIMIT);
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
