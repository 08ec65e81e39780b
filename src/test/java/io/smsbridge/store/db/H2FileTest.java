package io.smsbridge.store.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/** An embedded H2 file is forced to disk at each commit, so its freed space is reused after seconds. */
class H2FileTest {

    @Test
    void onlyEmbeddedH2FilesAreForcedToDisk() {
        assertThat(H2File.appliesTo("jdbc:h2:file:./data/sms-bridge;WRITE_DELAY=0")).isTrue();
        assertThat(H2File.appliesTo("jdbc:h2:./data/sms-bridge")).isTrue();
        assertThat(H2File.appliesTo("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1")).isFalse();
        assertThat(H2File.appliesTo("jdbc:h2:tcp://db:9092/sms")).isFalse();
        assertThat(H2File.appliesTo("jdbc:postgresql://127.0.0.1/sms")).isFalse();
        assertThat(H2File.appliesTo(null)).isFalse();
    }

    @Test
    void aFileDatabaseSyncsEachCommitAndReusesFreedSpaceAfterSeconds(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        try (Database db = Database.open(url, "sa", "", 2).withGroupCommit(1, 50)) {
            assertThat(db.durability()).isSameAs(Durability.H2_FSYNC);
            try (Connection c = db.dataSource().getConnection()) {
                assertThat(H2File.store(c).getRetentionTime()).isEqualTo((int) H2File.RETENTION.toMillis());
                H2File.sync(c);
            }
            db.withConnection(c -> Sql.update(c, "CREATE TABLE t (k INT PRIMARY KEY)"));
            int inserted = db.inTransaction(c -> Sql.update(c, "INSERT INTO t VALUES (1)"));
            assertThat(inserted).isEqualTo(1);
        }
    }

    @Test
    void otherDatabasesRelyOnTheirCommit() {
        try (Database db = Database.open("jdbc:h2:mem:d-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "", 2)) {
            assertThat(db.durability()).isSameAs(Durability.COMMIT_IS_ENOUGH);
        }
    }
}
