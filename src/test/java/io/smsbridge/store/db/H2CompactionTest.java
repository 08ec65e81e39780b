package io.smsbridge.store.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.h2.jdbcx.JdbcDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The housekeeping H2 skips with WRITE_DELAY=0: it rewrites sparse chunks. */
class H2CompactionTest {

    @Test
    void rewritesTheChunksThatManySmallCommitsLeaveSparse(@TempDir Path dir) throws Exception {
        JdbcDataSource h2 = sparseDatabase(dir);
        // no minimum age, so the test need not wait 45 s
        DatabaseStats stats = new DatabaseStats();
        try (Connection c = h2.getConnection();
             H2Compaction compaction = H2Compaction.start(h2, Duration.ofHours(1), Duration.ZERO, stats)) {
            assertThat(compaction.compactOnce()).isTrue();
            int rows = Sql.one(c, "SELECT COUNT(*) FROM t", rs -> rs.getInt(1));
            assertThat(rows).isEqualTo(3000);
            // what the metrics endpoint shows: the round, its time, the file's size after it
            assertThat(stats.compactionRounds()).isEqualTo(1);
            assertThat(stats.compactionSeconds()).isPositive();
            assertThat(stats.h2FileBytes()).isEqualTo(H2File.store(c).getFileStore().size());
        }
    }

    @Test
    void leavesChunksYoungerThanItsMinimumAgeAndKeepsTheRetention(@TempDir Path dir) throws Exception {
        JdbcDataSource h2 = sparseDatabase(dir);
        try (Connection c = h2.getConnection(); H2Compaction compaction = H2Compaction.start(h2, Duration.ofHours(1), Duration.ofHours(1), new DatabaseStats())) {
            assertThat(compaction.compactOnce()).isFalse();
            assertThat(H2File.store(c).getRetentionTime()).isZero(); // the round's minimum age was only lent
        }
    }

    /** Like messages: appended rows plus an index on a random value, one commit (one chunk) per row; each
     * chunk keeps the index leaf it wrote live long after the rest of it is dead. */
    private static JdbcDataSource sparseDatabase(Path dir) throws Exception {
        // RETENTION_TIME=0: chunks may be reused at once
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;RETENTION_TIME=0";
        JdbcDataSource h2 = new JdbcDataSource(); // not Database.open: its own compaction would race these rounds
        h2.setURL(url);
        h2.setUser("sa");
        try (Connection c = h2.getConnection()) {
            Sql.update(c, "CREATE TABLE t (k INT PRIMARY KEY, r INT, v VARCHAR(200))");
            Sql.update(c, "CREATE INDEX t_r ON t (r)");
            Random random = new Random(1);
            for (int i = 0; i < 3000; i++) {
                Sql.update(c, "INSERT INTO t VALUES (?, ?, ?)", i, random.nextInt(), "x".repeat(150));
            }
        }
        return h2;
    }
}
