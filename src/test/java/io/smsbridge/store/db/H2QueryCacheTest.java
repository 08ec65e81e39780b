package io.smsbridge.store.db;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** H2 keeps enough parsed statements per connection for the writer's set; an operator's own value wins. */
class H2QueryCacheTest {

    private static String querySetting(Database db) {
        return db.withConnection(c -> Sql.one(c, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                + " WHERE SETTING_NAME = ?", rs -> rs.getString(1), Database.H2_QUERY_CACHE));
    }

    @Test
    void theBridgeRaisesH2sQueryCache() {
        try (Database db = Database.open("jdbc:h2:mem:qc-" + UUID.randomUUID(), "sa", "", 2)) {
            assertThat(querySetting(db)).isEqualTo(String.valueOf(Database.H2_QUERY_CACHE_SIZE));
        }
    }

    @Test
    void aQueryCacheSizeInTheUrlIsKept() {
        try (Database db = Database.open("jdbc:h2:mem:qc-" + UUID.randomUUID() + ";query_cache_size=16", "sa", "",
                2)) {
            assertThat(querySetting(db)).isEqualTo("16");
        }
    }
}
