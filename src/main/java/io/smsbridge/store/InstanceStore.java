package io.smsbridge.store;

import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The running bridges on one database, each with a heartbeat. A bridge whose heartbeat stopped (it
 * crashed, or was killed) gives its jobs back as soon as that is seen, instead of after their lease:
 * a restart picks up its own work within {@code jobs.heartbeat-timeout}. A stop gives them back at once.
 */
public final class InstanceStore {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceStore.class);

    private final Database db;
    private final JobStore jobs;
    private final Duration timeout;

    public InstanceStore(Database db, JobStore jobs, Duration timeout) {
        this.db = db;
        this.jobs = jobs;
        this.timeout = timeout;
    }

    /** Adds this instance; called once at start. */
    public void register() {
        db.inTransaction(c -> insert(c, Instant.now()));
    }

    /**
     * This instance's heartbeat, then the jobs of every instance silent for longer than the timeout go
     * back to the outbox (their lease ends now). Returns how many jobs came back.
     */
    public int beat() {
        Instant now = Instant.now();
        return db.inTransaction(c -> {
            if (Sql.update(c, "UPDATE instances SET heartbeat_at = ? WHERE id = ?", now, jobs.owner()) == 0) {
                // others took this instance for dead (a pause longer than the timeout): it is back
                LOG.warn("This bridge ({}) was silent for more than {}; other instances may have taken its jobs",
                        jobs.owner(), timeout);
                insert(c, now);
            }
            List<String> gone = Sql.list(c, "SELECT id FROM instances WHERE heartbeat_at < ? AND id <> ?",
                    rs -> rs.getString(1), now.minus(timeout), jobs.owner());
            if (gone.isEmpty()) {
                return 0;
            }
            int taken = jobs.takeBackFrom(c, gone, now);
            for (String id : gone) {
                Sql.update(c, "DELETE FROM instances WHERE id = ?", id);
            }
            LOG.info("Instance(s) {} stopped without a goodbye; {} of their job(s) are taken back", gone, taken);
            return taken;
        });
    }

    /** At stop, after the in-flight work: this instance's remaining jobs go back at once, and its row. */
    public void deregister() {
        Instant now = Instant.now();
        db.inTransaction(c -> {
            jobs.takeBackFrom(c, List.of(jobs.owner()), now);
            return Sql.update(c, "DELETE FROM instances WHERE id = ?", jobs.owner());
        });
    }

    private int insert(java.sql.Connection c, Instant now) throws java.sql.SQLException {
        return Sql.update(c, "INSERT INTO instances (id, host, pid, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)",
                jobs.owner(), host(), ProcessHandle.current().pid(), now, now);
    }

    private static String host() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 255 ? name.substring(0, 255) : name;
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
