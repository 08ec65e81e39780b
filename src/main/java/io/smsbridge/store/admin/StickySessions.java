package io.smsbridge.store.admin;

import io.smsbridge.core.stickiness.ClosedReason;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;
import io.smsbridge.store.db.Uuid7;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Open sticky sessions of a number: listed, ended by an admin, handed to another user. */
public final class StickySessions {

    public record Open(String id, String conversationId, String contact, String owner, Instant startedAt,
            Instant expiresAt) {
    }

    public List<Open> open(Connection c, String number, Instant now) throws SQLException {
        return Sql.list(c, "SELECT s.id, s.conversation_id, c.contact, s.owner_user, s.started_at, s.expires_at"
                + " FROM sticky_sessions s JOIN conversations c ON c.id = s.conversation_id"
                + " WHERE c.number = ? AND s.closed_reason IS NULL AND s.expires_at > ? ORDER BY s.expires_at DESC",
                StickySessions::open, number, now);
    }

    /** The open session of (number, contact), its conversation locked until commit; null when none. */
    public Open lock(Connection c, String number, String contact, Instant now) throws SQLException {
        Sql.one(c, "SELECT id FROM conversations WHERE number = ? AND contact = ? FOR UPDATE", rs -> 1, number, contact);
        return Sql.one(c, "SELECT s.id, s.conversation_id, c.contact, s.owner_user, s.started_at, s.expires_at"
                + " FROM sticky_sessions s JOIN conversations c ON c.id = s.conversation_id"
                + " WHERE c.number = ? AND c.contact = ? AND s.closed_reason IS NULL AND s.expires_at > ?",
                StickySessions::open, number, contact, now);
    }

    public void close(Connection c, Open s, ClosedReason reason, Instant now) throws SQLException {
        Sql.update(c, "UPDATE sticky_sessions SET closed_reason = ?, closed_at = ? WHERE id = CAST(? AS UUID)",
                reason.dbValue(), now, s.id());
    }

    /** Ends {@code s} as reassigned and opens the same conversation for {@code user} until it would have expired. */
    public Open handOver(Connection c, Open s, String user, Instant now) throws SQLException {
        close(c, s, ClosedReason.REASSIGNED, now);
        String id = Uuid7.next();
        Sql.update(c, "INSERT INTO sticky_sessions (id, conversation_id, owner_user, started_at, expires_at)"
                + " VALUES (CAST(? AS UUID), CAST(? AS UUID), ?, ?, ?)", id, s.conversationId(), user, now, s.expiresAt());
        return new Open(id, s.conversationId(), s.contact(), user, Database.asStored(now), s.expiresAt());
    }

    private static Open open(java.sql.ResultSet rs) throws SQLException {
        return new Open(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Database.instant(rs.getObject(5)), Database.instant(rs.getObject(6)));
    }
}
