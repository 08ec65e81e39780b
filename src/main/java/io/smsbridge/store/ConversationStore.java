package io.smsbridge.store;

import io.smsbridge.core.stickiness.ClosedReason;
import io.smsbridge.core.stickiness.InboundDecision;
import io.smsbridge.core.stickiness.OutboundDecision;
import io.smsbridge.core.stickiness.Session;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;
import io.smsbridge.store.db.Uuid7;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Conversations (our number, contact) and their sticky sessions. The conversation row is locked
 * ({@code SELECT … FOR UPDATE}) while a stickiness decision is made and applied, so concurrent
 * inbound and outbound messages of one pair — on any instance — are decided one after the other.
 */
public final class ConversationStore {

    private static final int CACHE_LIMIT = 100_000;

    private final Database db;
    private final Map<String, String> idCache = new ConcurrentHashMap<>();

    public ConversationStore(Database db) {
        this.db = db;
    }

    /** The conversation id of a pair, creating the row on first use (outside any transaction). */
    public String ensure(String number, String contact) {
        String key = number + '|' + contact;
        String cached = idCache.get(key);
        if (cached != null) {
            return cached;
        }
        String id = db.withConnection(c -> {
            String existing = find(c, number, contact);
            if (existing != null) {
                return existing;
            }
            String fresh = Uuid7.next();
            try {
                Sql.update(c, "INSERT INTO conversations (id, number, contact, created_at)"
                        + " VALUES (CAST(? AS UUID), ?, ?, ?)",
                        fresh, number, contact, Instant.now());
                return fresh;
            } catch (SQLException e) {
                if (Database.isUniqueViolation(e)) {
                    return find(c, number, contact); // another thread or instance won the race
                }
                throw e;
            }
        });
        if (idCache.size() >= CACHE_LIMIT) {
            idCache.clear();
        }
        idCache.put(key, id);
        return id;
    }

    private static String find(Connection c, String number, String contact) throws SQLException {
        return Sql.one(c, "SELECT id FROM conversations WHERE number = ? AND contact = ?", rs -> rs.getString(1),
                number, contact);
    }

    /**
     * Locks the conversation for the rest of the transaction and returns its current session, if any.
     * Two statements on purpose: a join with {@code FOR UPDATE OF} the conversation would, after waiting
     * for another transaction's lock, still return the session rows of the snapshot taken before the
     * wait (PostgreSQL, read committed), missing the session that transaction just opened.
     */
    public Session lockAndGetSession(Connection c, String conversationId) throws SQLException {
        Sql.one(c, "SELECT id FROM conversations WHERE id = CAST(? AS UUID) FOR UPDATE", rs -> rs.getString(1),
                conversationId);
        return Sql.one(c, "SELECT id, owner_user, expires_at FROM sticky_sessions"
                        + " WHERE conversation_id = CAST(? AS UUID)"
                        + " AND closed_reason IS NULL",
                rs -> new Session(rs.getString(1), rs.getString(2),
                        Database.instant(rs.getObject(3, OffsetDateTime.class))), conversationId);
    }

    public void close(Connection c, Session session, ClosedReason reason, Instant now) throws SQLException {
        Sql.update(c, "UPDATE sticky_sessions SET closed_reason = ?, closed_at = ? WHERE id = CAST(? AS UUID)",
                reason.dbValue(), now, session.id());
    }

    public void extend(Connection c, Session session, Instant until) throws SQLException {
        Sql.update(c, "UPDATE sticky_sessions SET expires_at = ? WHERE id = CAST(? AS UUID)", until, session.id());
    }

    public void open(Connection c, String conversationId, String owner, Instant now, Instant until)
            throws SQLException {
        Sql.update(c, "INSERT INTO sticky_sessions (id, conversation_id, owner_user, started_at, expires_at)"
                + " VALUES (CAST(? AS UUID), CAST(? AS UUID), ?, ?, ?)", Uuid7.next(), conversationId, owner, now,
                until);
    }

    /** Applies an inbound decision to the current session. */
    public void apply(Connection c, Session current, InboundDecision d, Instant now) throws SQLException {
        if (current == null) {
            return;
        }
        if (d.close() != null) {
            close(c, current, d.close(), now);
        } else if (d.extendTo() != null) {
            extend(c, current, d.extendTo());
        }
    }

    /** Applies an outbound decision: close the old session, then open a new one or extend the current. */
    public void apply(Connection c, String conversationId, Session current, OutboundDecision d, Instant now)
            throws SQLException {
        if (d.close() != null && current != null) {
            close(c, current, d.close(), now);
        }
        if (d.openOwner() != null) {
            open(c, conversationId, d.openOwner(), now, d.extendTo());
        } else if (d.extendTo() != null && current != null) {
            extend(c, current, d.extendTo());
        }
    }
}
