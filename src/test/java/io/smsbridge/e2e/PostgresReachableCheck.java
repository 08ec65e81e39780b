package io.smsbridge.e2e;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.fail;

/**
 * Run by the build before any test (execution postgresql-reachable): without a PostgreSQL the
 * PostgreSQL pass would fail only after the whole H2 pass, so it says so first, and how to go on.
 */
class PostgresReachableCheck {

    @Test
    void postgresqlIsThereForThePostgresqlPass() {
        String url = System.getProperty("test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getProperty("test.pg.user", "postgres");
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            c.createStatement().execute("SELECT 1");
        } catch (SQLException e) {
            fail("PostgreSQL is not reachable at " + url + " as " + user + " (" + e.getMessage() + "): start it,"
                    + " point -Dtest.pg.url at one, or add -DskipPostgres to leave the PostgreSQL pass out");
        }
    }
}
