package io.smsbridge.store.db;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * An embedded H2 database in a file, and what the bridge does to its store beyond SQL. H2's COMMIT
 * writes the file but leaves the bytes in the OS's cache; {@link #sync} forces them to disk, which
 * the bridge does after each commit before anyone is answered ({@link Durability#H2_FSYNC}). With
 * every write forced within moments, freed file space need not wait H2's default 45 s before reuse
 * (that wait is its guard for writes still in the OS's cache), so {@link #RETENTION} is short: the
 * file holds the live data and a couple of seconds of commits instead of 45 s of them (GBs at
 * 1,000 msg/s, docs/benchmarks.md).
 */
final class H2File {

    /**
     * Not 0: with no retention H2 may reuse the space of a chunk that the chunk map written at close
     * still lists, and the file then fails to open (h2database#2752). Well above the 200 ms within
     * which {@link H2Compaction} forces writes that did not come through a synced commit.
     */
    static final Duration RETENTION = Duration.ofSeconds(2);

    private H2File() {
    }

    /** An embedded H2 database in a file (not in memory, not an H2 server reached over TCP). */
    static boolean appliesTo(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = url.substring("jdbc:h2:".length());
        return !rest.startsWith("mem:") && !rest.startsWith("tcp:") && !rest.startsWith("ssl:");
    }

    static MVStore store(Connection c) throws SQLException {
        return ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
    }

    /** Forces what H2 has written to the file onto the disk (fsync). */
    static void sync(Connection c) throws SQLException {
        store(c).sync();
    }

    /** Sets the retention of freed space for this run (H2 does not persist it). */
    static void shortenRetention(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            store(c).setRetentionTime((int) RETENTION.toMillis());
        }
    }
}
