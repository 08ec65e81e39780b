package io.smsbridge.e2e;

import io.smsbridge.store.db.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list API ({@code sql/messages-list.sql}) finds an organization's newest messages through an
 * index instead of reading the whole table; on H2 and, in the PostgreSQL execution, on PostgreSQL.
 */
class MessageListIndexTest {

    Map<String, String> props = TestDatabases.create(Path.of("target", "list-index-" + UUID.randomUUID()));

    @AfterEach
    void drop() {
        TestDatabases.drop(props);
    }

    @Test
    void theListReadsTheOrganizationsMessagesThroughMessagesRecent() throws IOException {
        String list;
        try (InputStream in = getClass().getResourceAsStream("/sql/messages-list.sql")) {
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll(":#\\$\\{header\\.\\w+}", "?");
        }
        try (Database db = Database.open(props.get("db.url"), props.get("db.user"), props.get("db.password"), 2)) {
            db.migrate();
            String plan = db.withConnection(c -> {
                if (db.isPostgres()) {
                    // an empty table is cheapest to scan; ask whether an index can serve the query at all
                    try (Statement st = c.createStatement()) {
                        st.execute("SET enable_seqscan = off");
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + list)) {
                    ps.setString(1, "acme");
                    for (int i = 2; i <= ps.getParameterMetaData().getParameterCount(); i++) {
                        ps.setString(i, null);
                    }
                    StringBuilder text = new StringBuilder();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            text.append(rs.getString(1)).append('\n');
                        }
                    }
                    return text.toString();
                }
            });
            assertThat(plan.toLowerCase()).contains("messages_recent");
        }
    }
}
