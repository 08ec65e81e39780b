package io.smsbridge.jobs;

import io.smsbridge.db.Database;
import io.smsbridge.db.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The durable outbox. A job is written in the same transaction as the message it serves, handed to
 * its route at once (fast path), and found again by the poller if that hand-off is lost (crash, full
 * queue). Taking a job is a conditional UPDATE with a lease, so two threads or two instances never
 * work on the same job at once; a lease that runs out (crashed instance) makes the job due again.
 */
public final class JobStore {

    /** How long a fresh job waits for the fast path before the poller takes it. */
    public static final Duration FAST_PATH_GRACE = Duration.ofSeconds(5);

    private final Database db;
    private final Duration lease;
    private final String owner = "bridge-" + UUID.randomUUID().toString().substring(0, 8);

    public JobStore(Database db, Duration lease) {
        this.db = db;
        this.lease = lease;
    }

    /** Adds a job for now inside the caller's transaction; returns its id (for the fast path). */
    public long enqueue(Connection c, JobKind kind, String messageId, String organizationId, String payload,
            Instant now) throws SQLException {
        return insert(c, kind, messageId, organizationId, null, payload, now.plus(FAST_PATH_GRACE), now);
    }

    /** Adds a carrier send for now inside the caller's transaction; returns its id (for the fast path). */
    public long enqueueSend(Connection c, String messageId, String organizationId, String integrationId, Instant now)
            throws SQLException {
        return insert(c, JobKind.CARRIER_SEND, messageId, organizationId, integrationId, null,
                now.plus(FAST_PATH_GRACE), now);
    }

    /** Adds a job the poller takes at {@code at} (a resend decided by a carrier's report). */
    public long enqueueSendAt(Connection c, String messageId, String organizationId, String integrationId, Instant at,
            Instant now) throws SQLException {
        // attempts = 1 marks it as not fresh: only the poller takes it, once due
        long id = insert(c, JobKind.CARRIER_SEND, messageId, organizationId, integrationId, null, at, now);
        Sql.update(c, "UPDATE jobs SET attempts = 1 WHERE id = ?", id);
        return id;
    }

    private long insert(Connection c, JobKind kind, String messageId, String organizationId, String integrationId,
            String payload, Instant nextAttempt, Instant now) throws SQLException {
        String sql = "INSERT INTO jobs (kind, message_id, organization_id, payload, state, attempts, next_attempt_at,"
                + " created_at, updated_at, integration_id) VALUES (?, ?, ?, ?, 'ready', 0, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, kind.dbValue());
            ps.setString(2, messageId);
            ps.setString(3, organizationId);
            ps.setString(4, payload);
            ps.setObject(5, Database.ts(nextAttempt));
            ps.setObject(6, Database.ts(now));
            ps.setObject(7, Database.ts(now));
            ps.setString(8, integrationId);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * Takes a job for a worker: a ready job (fast path), one this instance's poller handed over, or one
     * whose lease ran out (its instance died). Null when someone else has it or it is gone.
     */
    public Job claim(long id) {
        Instant now = Instant.now();
        return db.inTransaction(c -> {
            int n = Sql.update(c, "UPDATE jobs SET state = 'running', locked_until = ?, locked_by = ?,"
                            + " attempts = attempts + 1, updated_at = ? WHERE id = ? AND ("
                            // fresh (fast path), or a retry that is due
                            + "(state = 'ready' AND (attempts = 0 OR next_attempt_at <= ?))"
                            + " OR (state = 'queued' AND locked_by = ?)"
                            + " OR (state IN ('running', 'queued') AND locked_until < ?))",
                    now.plus(lease), owner, now, id, now, owner, now);
            if (n == 0) {
                return null;
            }
            return Sql.one(c, "SELECT id, kind, message_id, organization_id, payload, attempts, created_at"
                    + " FROM jobs WHERE id = ?", rs -> new Job(rs.getLong(1), JobKind.fromDb(rs.getString(2)),
                    rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                    Database.instant(rs.getObject(7, java.time.OffsetDateTime.class))), id);
        });
    }

    /**
     * The poller's step: reserves a due job for this instance's queue, so the next poll does not hand
     * it over again while it waits there. False when it is not due any more or another instance has it.
     */
    public boolean handOver(long id) {
        Instant now = Instant.now();
        return db.withConnection(c -> Sql.update(c, "UPDATE jobs SET state = 'queued', locked_until = ?,"
                + " locked_by = ?, updated_at = ? WHERE id = ? AND ((state = 'ready' AND next_attempt_at <= ?)"
                + " OR (state IN ('running', 'queued') AND locked_until < ?))",
                now.plus(lease), owner, now, id, now, now) == 1);
    }

    public void delete(Connection c, long id) throws SQLException {
        Sql.update(c, "DELETE FROM jobs WHERE id = ?", id);
    }

    /** Puts a job back for a later attempt. */
    public void retryAt(Connection c, long id, Instant at, String error) throws SQLException {
        // back to ready: only the poller takes it, once it is due
        Sql.update(c, "UPDATE jobs SET state = 'ready', next_attempt_at = ?, locked_until = NULL, locked_by = NULL,"
                + " last_error = ?, updated_at = ? WHERE id = ?", at, truncate(error), Instant.now(), id);
    }

    /** Makes every send that waits for a carrier integration's circuit due now. */
    public int release(Connection c, String integrationId, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE jobs SET next_attempt_at = ?, updated_at = ? WHERE state = 'ready'"
                + " AND integration_id = ? AND last_error LIKE 'waiting:%'", now, now, integrationId);
    }

    /** Keeps a job that will not be tried again, for the operator to inspect. */
    public void bury(Connection c, long id, String error) throws SQLException {
        Sql.update(c, "UPDATE jobs SET state = 'dead', locked_until = NULL, locked_by = NULL, last_error = ?,"
                + " updated_at = ? WHERE id = ?", truncate(error), Instant.now(), id);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
