package io.smsbridge.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.h2.jdbcx.JdbcDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The housekeeping H2 skips with WRITE_DELAY=0: which URLs get it, and that it rewrites sparse chunks. */
class H2CompactionTest {

    @Test
    void onlyEmbeddedH2FilesGetIt() {
        assertThat(H2Compaction.appliesTo("jdbc:h2:file:./data/sms-bridge;WRITE_DELAY=0")).isTrue();
        assertThat(H2Compaction.appliesTo("jdbc:h2:./data/sms-bridge")).isTrue();
        assertThat(H2Compaction.appliesTo("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1")).isFalse();
        assertThat(H2Compaction.appliesTo("jdbc:h2:tcp://db:9092/sms")).isFalse();
        assertThat(H2Compaction.appliesTo("jdbc:postgresql://127.0.0.1/sms")).isFalse();
        assertThat(H2Compaction.appliesTo(null)).isFalse();
    }

    @Test
    void rewritesTheChunksThatManySmallCommitsLeaveSparse(@TempDir Path dir) throws Exception {
        // RETENTION_TIME=0: chunks may be reused at once, so the test need not wait 45 s
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;RETENTION_TIME=0";
        JdbcDataSource h2 = new JdbcDataSource(); // not Database.open: its own compaction would race this one
        h2.setURL(url);
        h2.setUser("sa");
        try (Connection c = h2.getConnection(); H2Compaction compaction = H2Compaction.start(h2, Duration.ofHours(1))) {
            // like messages: appended rows plus an index on a random value; one commit, one chunk each,
            // and each chunk keeps the index leaf it wrote live long after the rest of it is dead
            Sql.update(c, "CREATE TABLE t (k INT PRIMARY KEY, r INT, v VARCHAR(200))");
            Sql.update(c, "CREATE INDEX t_r ON t (r)");
            Random random = new Random(1);
            for (int i = 0; i < 3000; i++) {
                Sql.update(c, "INSERT INTO t VALUES (?, ?, ?)", i, random.nextInt(), "x".repeat(150));
            }
            assertThat(compaction.compactOnce()).isTrue();
            int rows = Sql.one(c, "SELECT COUNT(*) FROM t", rs -> rs.getInt(1));
            assertThat(rows).isPositive();
        }
    }
}
