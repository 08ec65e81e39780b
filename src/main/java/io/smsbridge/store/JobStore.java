package io.smsbridge.store;

import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;
import io.smsbridge.store.db.Write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The durable outbox. A job is written in the same transaction as the message it serves, already
 * taken by this instance (state {@code running}, leased), and handed to its route at once: the fast
 * path costs no second transaction. If that hand-off is lost (crash, full queue) the lease runs out
 * and the poller finds the job again. Taking a job otherwise is a conditional UPDATE with a lease,
 * so two threads or two instances never work on the same job at once.
 */
public final class JobStore {

    private static final String DELETE = "DELETE FROM jobs WHERE id = ?";

    private final Database db;
    private final Duration lease;
    private final String owner;

    public JobStore(Database db, Duration lease) {
        this(db, lease, "bridge-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public JobStore(Database db, Duration lease, String owner) {
        this.db = db;
        this.lease = lease;
        this.owner = owner;
    }

    /** The instance that takes jobs through this store (its row in {@code instances}). */
    public String owner() {
        return owner;
    }

    /**
     * Adds a job inside the caller's transaction, taken by this instance for the fast path: hand the
     * returned job to its queue once the transaction has committed.
     */
    public Job enqueue(Connection c, JobKind kind, String messageId, String organizationId, String payload,
            Instant now) throws SQLException {
        return insertTaken(c, kind, messageId, organizationId, null, payload, now);
    }

    /** Adds a carrier send inside the caller's transaction, taken by this instance (see {@link #enqueue}). */
    public Job enqueueSend(Connection c, String messageId, String organizationId, String integrationId, Instant now)
            throws SQLException {
        return insertTaken(c, JobKind.CARRIER_SEND, messageId, organizationId, integrationId, null, now);
    }

    /** Adds a job the poller takes at {@code at} (a resend decided by a carrier's report). */
    public long enqueueSendAt(Connection c, String messageId, String organizationId, String integrationId, Instant at,
            Instant now) throws SQLException {
        return enqueueAt(c, JobKind.CARRIER_SEND, messageId, organizationId, integrationId, at, now);
    }

    /** Adds a job of a carrier integration that the poller takes at {@code at}. */
    public long enqueueAt(Connection c, JobKind kind, String messageId, String organizationId, String integrationId,
            Instant at, Instant now) throws SQLException {
        // attempts = 1 as before: this job carries a second send of the message
        return insert(c, kind, messageId, organizationId, integrationId, null, "ready", 1, at, null, null, now);
    }

    /** Adds a broadcast's bulk send, taken by this instance (see {@link #enqueue}). */
    public Job enqueueBulk(Connection c, String broadcastId, String organizationId, String integrationId, Instant now)
            throws SQLException {
        return insertTaken(c, JobKind.BULK_SEND, broadcastId, organizationId, integrationId, null, now);
    }

    private Job insertTaken(Connection c, JobKind kind, String messageId, String organizationId, String integrationId,
            String payload, Instant now) throws SQLException {
        Instant until = now.plus(lease);
        long id = insert(c, kind, messageId, organizationId, integrationId, payload, "running", 1, until, until,
                owner, now);
        return new Job(id, kind, messageId, organizationId, payload, 1, now, now);
    }

    private long insert(Connection c, JobKind kind, String messageId, String organizationId, String integrationId,
            String payload, String state, int attempts, Instant nextAttempt, Instant lockedUntil, String lockedBy,
            Instant now) throws SQLException {
        String sql = "INSERT INTO jobs (kind, message_id, organization_id, payload, state, attempts, next_attempt_at,"
                + " locked_until, locked_by, created_at, updated_at, integration_id)"
                + " VALUES (?, CAST(? AS UUID), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, kind.dbValue());
            ps.setString(2, messageId);
            ps.setString(3, organizationId);
            ps.setString(4, payload);
            ps.setString(5, state);
            ps.setInt(6, attempts);
            ps.setObject(7, Database.ts(nextAttempt));
            ps.setObject(8, Database.ts(lockedUntil));
            ps.setString(9, lockedBy);
            ps.setObject(10, Database.ts(now));
            ps.setObject(11, Database.ts(now));
            ps.setString(12, integrationId);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * A job handed over by the fast path is already this instance's. If it waited in its queue for
     * a third of the lease, the lease is renewed first, so it cannot run out during the work; null if
     * it ran out meanwhile and another instance took the job.
     */
    public Job keep(Job job) {
        Instant now = Instant.now();
        if (now.isBefore(job.leasedAt().plus(lease.dividedBy(3)))) {
            return job;
        }
        int n = db.inTransaction(c -> Sql.update(c, "UPDATE jobs SET locked_until = ?, updated_at = ? WHERE id = ?"
                + " AND state = 'running' AND locked_by = ?", now.plus(lease), now, job.id(), owner));
        return n == 1 ? job.renewed(now) : null;
    }

    /**
     * Takes a job for a worker (the poller's path): a retry that is due, one this instance's poller
     * handed over, or one whose lease ran out (its instance died or lost the hand-off). Null when someone else has it or it is gone.
     */
    public Job claim(long id) {
        Instant now = Instant.now();
        return db.inTransaction(c -> {
            int n = Sql.update(c, "UPDATE jobs SET state = 'running', locked_until = ?, locked_by = ?,"
                            + " attempts = attempts + 1, updated_at = ? WHERE id = ? AND ("
                            + "(state = 'ready' AND next_attempt_at <= ?)"
                            + " OR (state = 'queued' AND locked_by = ?)"
                            + " OR (state IN ('running', 'queued') AND locked_until < ?))",
                    now.plus(lease), owner, now, id, now, owner, now);
            if (n == 0) {
                return null;
            }
            return Sql.one(c, "SELECT id, kind, message_id, organization_id, payload, attempts, created_at,"
                    + " call_started_at FROM jobs WHERE id = ?", rs -> new Job(rs.getLong(1),
                    JobKind.fromDb(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                    Database.instant(rs.getObject(7, java.time.OffsetDateTime.class)), now,
                    Database.instant(rs.getObject(8, java.time.OffsetDateTime.class))), id);
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

    /**
     * {@link #handOver} for a whole poll at once: one UPDATE and one SELECT, whatever the batch's size
     * (one statement per job held the backlog back while new sends overtook it). Returns the ids
     * reserved for this instance.
     */
    public java.util.Set<Long> handOverAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        Instant now = Database.asStored(Instant.now());
        Instant until = now.plus(lease);
        String in = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        List<Object> params = new ArrayList<>(List.of(until, owner, now));
        params.addAll(ids);
        params.add(now);
        params.add(now);
        return db.withConnection(c -> {
            Sql.update(c, "UPDATE jobs SET state = 'queued', locked_until = ?, locked_by = ?, updated_at = ?"
                    + " WHERE id IN (" + in + ") AND ((state = 'ready' AND next_attempt_at <= ?)"
                    + " OR (state IN ('running', 'queued') AND locked_until < ?))", params.toArray());
            List<Object> select = new ArrayList<>(ids);
            select.add(owner);
            select.add(until);
            return new java.util.HashSet<>(Sql.list(c, "SELECT id FROM jobs WHERE id IN (" + in + ")"
                    + " AND state = 'queued' AND locked_by = ? AND locked_until = ?", rs -> rs.getLong(1),
                    select.toArray()));
        });
    }

    public void delete(Connection c, long id) throws SQLException {
        Sql.update(c, DELETE, id);
    }

    /** {@link #delete} as a statement for {@link Database#writeAll}. */
    public Write deleteWrite(long id) {
        return new Write(DELETE, id);
    }

    /** Puts a job back for a later attempt (its carrier call, if any, is answered). */
    public void retryAt(Connection c, long id, Instant at, String error) throws SQLException {
        // back to ready: only the poller takes it, once it is due
        Sql.update(c, "UPDATE jobs SET state = 'ready', next_attempt_at = ?, locked_until = NULL, locked_by = NULL,"
                + " call_started_at = NULL, last_error = ?, updated_at = ? WHERE id = ?", at, truncate(error),
                Instant.now(), id);
    }

    /**
     * The send's state before its carrier call, as a statement for {@link Database#writeAll}: it must be
     * committed before the call, so that a crash before the answer leaves the send marked uncertain.
     */
    public Write callingWrite(long id, Instant now) {
        return new Write("UPDATE jobs SET call_started_at = ? WHERE id = ?", now, id);
    }

    /** An uncertain send whose lookup could not be made: asked again at {@code at}, still uncertain. */
    public void lookUpAt(Connection c, long id, Instant at, String why) throws SQLException {
        Sql.update(c, "UPDATE jobs SET state = 'ready', next_attempt_at = ?, locked_until = NULL, locked_by = NULL,"
                + " last_error = ?, updated_at = ? WHERE id = ?", at, truncate(why), Instant.now(), id);
    }

    /** An uncertain send whose carrier said it never got it: back to ready now, to be sent (not uncertain). */
    public void notSent(Connection c, long id, String why) throws SQLException {
        Sql.update(c, "UPDATE jobs SET state = 'ready', next_attempt_at = ?, locked_until = NULL, locked_by = NULL,"
                + " call_started_at = NULL, attempts = attempts - 1, last_error = ?, updated_at = ? WHERE id = ?",
                Instant.now(), truncate(why), Instant.now(), id);
    }

    /**
     * Gives back at once the jobs held by instances that are gone (see {@link InstanceStore}): their
     * lease ends now, so the next poll takes them. Returns how many.
     */
    public int takeBackFrom(Connection c, List<String> owners, Instant now) throws SQLException {
        if (owners.isEmpty()) {
            return 0;
        }
        String in = String.join(",", java.util.Collections.nCopies(owners.size(), "?"));
        List<Object> params = new ArrayList<>(List.of(now.minusMillis(1), now));
        params.addAll(owners);
        return Sql.update(c, "UPDATE jobs SET locked_until = ?, updated_at = ? WHERE state IN ('running', 'queued')"
                + " AND locked_by IN (" + in + ")", params.toArray());
    }

    /**
     * A send over its rate waits for its slot: back to ready until {@code at}, marked as holding the
     * slot of this attempt (so taking it again does not reserve another), the attempt not counted.
     */
    public void throttle(Connection c, long id, int attempt, Instant at) throws SQLException {
        Sql.update(c, "UPDATE jobs SET state = 'ready', next_attempt_at = ?, locked_until = NULL, locked_by = NULL,"
                + " attempts = attempts - 1, payload = ?, call_started_at = NULL, last_error = ?, updated_at = ?"
                + " WHERE id = ?", at,
                SLOT + attempt, "throttled: waits for its send rate", Instant.now(), id);
    }

    /** Whether the job (a send) already holds its rate slot for this attempt. */
    public static boolean holdsSlot(Job job) {
        return job.payload() != null && job.payload().equals(SLOT + job.attempts());
    }

    private static final String SLOT = "rate-slot:";

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

    /**
     * What waits in the outbox, per kind: how many jobs (buried ones left out), and the creation of the
     * oldest that is due or being worked on (a retry scheduled for later is not late), null if none.
     */
    public record Backlog(long jobs, Instant oldestDue) {
    }

    public java.util.Map<JobKind, Backlog> backlog() {
        java.util.Map<JobKind, Backlog> out = new java.util.EnumMap<>(JobKind.class);
        Instant now = Instant.now();
        db.withConnection(c -> Sql.list(c, "SELECT kind, COUNT(*), MIN(CASE WHEN state <> 'ready' OR next_attempt_at <= ?"
                + " THEN created_at END) FROM jobs WHERE state <> 'dead' GROUP BY kind", rs -> out.put(
                JobKind.fromDb(rs.getString(1)), new Backlog(rs.getLong(2),
                        Database.instant(rs.getObject(3, java.time.OffsetDateTime.class)))), now));
        return out;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
