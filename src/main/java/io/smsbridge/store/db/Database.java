package io.smsbridge.store.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The bridge's database: a HikariCP pool, Flyway migrations, and short JDBC transactions for the
 * decisions that must be atomic (dedupe + stickiness + store). Works on H2 and PostgreSQL alike.
 */
public final class Database implements AutoCloseable {

    /**
     * H2 keeps this many parsed statements per connection (its default 8). The writer runs a couple of
     * dozen distinct ones, so with 8 it parsed most of them again each time (5 % of its samples).
     */
    static final String H2_QUERY_CACHE = "QUERY_CACHE_SIZE";
    static final int H2_QUERY_CACHE_SIZE = 64;

    private final HikariDataSource dataSource;
    private final boolean postgres;
    private volatile GroupCommit groupCommit;
    private final Durability durability;
    private final H2Compaction compaction;
    private final DatabaseStats stats = new DatabaseStats();

    private Database(HikariDataSource dataSource, boolean postgres, boolean h2File) throws SQLException {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.durability = h2File ? Durability.H2_FSYNC : Durability.COMMIT_IS_ENOUGH;
        if (h2File) {
            H2File.shortenRetention(dataSource);
        }
        this.compaction = h2File ? H2Compaction.start(dataSource, stats) : null;
    }

    public static Database open(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sms-bridge");
        config.setJdbcUrl(url);
        boolean postgres = url != null && url.startsWith("jdbc:postgresql:");
        // named, not found through DriverManager: Camel JBang loads drivers in its own class loader
        if (url != null && url.startsWith("jdbc:h2:")) {
            config.setDriverClassName("org.h2.Driver");
            if (!url.toUpperCase(Locale.ROOT).contains(H2_QUERY_CACHE + "=")) {
                config.addDataSourceProperty(H2_QUERY_CACHE, String.valueOf(H2_QUERY_CACHE_SIZE));
            }
        } else if (postgres) {
            config.setDriverClassName("org.postgresql.Driver");
        }
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setAutoCommit(true);
        config.setConnectionTimeout(10_000);
        HikariDataSource pool = null;
        try {
            pool = new HikariDataSource(config);
            return new Database(pool, postgres, H2File.appliesTo(url));
        } catch (RuntimeException | SQLException e) {
            if (pool != null) {
                pool.close();
            }
            // never echo the URL's password or the user's secret: name the URL without its query
            throw new IllegalStateException("cannot open the database " + redact(url) + ": "
                    + rootMessage(e) + ". Check db.url, db.user and db.password", e);
        }
    }

    /**
     * Applies the Flyway migrations in classpath:db/migration, written once for both databases, and
     * those of this database's own folder, classpath:db/h2 or classpath:db/postgresql: H2's storage
     * tuning (a point version after the shared one it follows, V2_1 after V2), and a change each
     * database makes its own way (V5 in both folders, never in the shared one).
     */
    public void migrate() {
        // our own class loader: under Camel JBang the migrations are not on the system class path
        Flyway.configure(Database.class.getClassLoader()).dataSource(dataSource)
                .locations(migrationLocations(postgres)).load().migrate();
    }

    /** Where {@link #migrate} takes the migrations from, for one database or the other. */
    public static String[] migrationLocations(boolean postgres) {
        return new String[] {"classpath:db/migration", postgres ? "classpath:db/postgresql" : "classpath:db/h2"};
    }

    /**
     * Runs write transactions through {@code writers} threads that commit up to {@code maxBatch} of
     * them at once ({@link GroupCommit}); 0 writers runs each transaction on its caller's thread.
     */
    public Database withGroupCommit(int writers, int maxBatch) {
        if (writers > 0) {
            groupCommit = new GroupCommit(dataSource, durability, writers, Math.max(1, maxBatch), stats);
        }
        return this;
    }

    /** What the writer and H2's compaction have done since start ({@code /observe/metrics}). */
    public DatabaseStats stats() {
        return stats;
    }

    Durability durability() {
        return durability;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** PostgreSQL (otherwise H2): for the few statements whose SQL differs. */
    public boolean isPostgres() {
        return postgres;
    }

    /** Runs {@code work} in a transaction; returns once it is committed (rolled back if it throws). */
    public <T> T inTransaction(TxWork<T> work) {
        GroupCommit group = groupCommit;
        if (group != null) {
            return unchecked(() -> group.run(work));
        }
        return unchecked(() -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    durability.afterCommit(c);
                    return result;
                } catch (Exception e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        });
    }

    /**
     * Runs statements whose results nobody reads as one transaction; returns once it is committed.
     * Under group commit the like statements of a whole batch go to the database as one JDBC batch
     * each, after the batch's other transactions (on PostgreSQL: one round trip instead of one per
     * statement); otherwise they run in order.
     */
    public void writeAll(List<Write> writes) {
        GroupCommit group = groupCommit;
        if (group != null) {
            unchecked(() -> {
                group.write(writes);
                return null;
            });
            return;
        }
        inTransaction(c -> {
            Sql.updateAll(c, writes);
            return null;
        });
    }

    /** Runs {@code call}; a checked exception (a {@link SQLException}, mostly) becomes a {@link DatabaseException}. */
    private static <T> T unchecked(Callable<T> call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new DatabaseException(e);
        }
    }

    public <T> T withConnection(TxWork<T> work) {
        return unchecked(() -> {
            try (Connection c = dataSource.getConnection()) {
                return work.run(c);
            }
        });
    }

    public boolean isReachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** SQLState 23505 is a unique-key violation on both H2 and PostgreSQL. */
    public static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The instant a column bound with {@link #ts} reads back as: both databases round to microseconds. */
    public static Instant asStored(Instant instant) {
        return instant == null ? null : instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        throw new IllegalArgumentException("not a timestamp: " + value.getClass());
    }

    public static String redact(String url) {
        if (url == null) {
            return "(no url)";
        }
        int q = url.indexOf('?');
        String base = q >= 0 ? url.substring(0, q) : url;
        return base.replaceAll("(?i)(password|pwd)=[^;&]*", "$1=***");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public void close() {
        if (compaction != null) {
            compaction.close();
        }
        GroupCommit group = groupCommit;
        if (group != null) {
            group.close();
        }
        dataSource.close();
    }

    @FunctionalInterface
    public interface TxWork<T> {
        T run(Connection connection) throws Exception;
    }
}
