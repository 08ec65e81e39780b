package io.smsbridge.store.db;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared schema plus H2's own storage tuning; migrating again on restart is a no-op. */
class MigrationTest {

    @Test
    void h2GetsTheIdentityCacheAndARestartMigratesNothing() {
        String url = "jdbc:h2:mem:mig-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Database db = Database.open(url, "sa", "", 2)) {
            db.migrate();
            db.migrate();
            long cache = db.withConnection(c -> Sql.one(c, "SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_NAME = 'MESSAGE_EVENTS' AND COLUMN_NAME = 'ID'", rs -> rs.getLong(1)));
            int applied = db.withConnection(c -> Sql.one(c,
                    "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" AND \"type\" = 'SQL'", rs -> rs.getInt(1)));
            assertThat(cache).isEqualTo(10_000);
            assertThat(applied).isEqualTo(11); // V1, V2, V2_1 (H2), V3, V4, V5, V6, V7, V8, V9, V10
        }
    }
}
