package io.smsbridge.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database for one bridge under test: an H2 file under target/ by default, or with
 * {@code -Dtest.db=postgresql} a new database on the local PostgreSQL ({@code -Dtest.pg.url},
 * default jdbc:postgresql://127.0.0.1:5432/test, user postgres).
 */
final class TestDatabases {

    static final String KIND = System.getProperty("test.db", "h2");

    private TestDatabases() {
    }

    static Map<String, String> create(Path work) {
        if (!KIND.equals("postgresql")) {
            return Map.of("db.url", "jdbc:h2:file:" + work.resolve("db").toAbsolutePath().toString().replace('\\', '/')
                    + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "db.user", "sa", "db.password", "");
        }
        String admin = System.getProperty("test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getProperty("test.pg.user", "postgres");
        String name = "bridge_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(admin, user, "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a PostgreSQL test database at " + admin + ": "
                    + e.getMessage() + " (start PostgreSQL, or add -DskipPostgres)", e);
        }
        return Map.of("db.url", admin.substring(0, admin.lastIndexOf('/') + 1) + name, "db.user", user,
                "db.password", "");
    }

    /** Drops a PostgreSQL test database once its bridge has stopped; H2 files stay under target/. */
    static void drop(Map<String, String> props) {
        String url = props.get("db.url");
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return;
        }
        String admin = System.getProperty("test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(admin, props.get("db.user"), "");
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }
}
