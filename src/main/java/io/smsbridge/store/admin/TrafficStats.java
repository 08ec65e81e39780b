package io.smsbridge.store.admin;

import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the console's overview shows: messages per minute each way, the outbox backlog, send latency. */
public final class TrafficStats {

    public record Minute(Instant minute, String direction, long count) {
    }

    /** {@code organizationId} null: every organization. */
    public List<Minute> perMinute(Connection c, String organizationId, Instant since) throws SQLException {
        return Sql.list(c, "SELECT DATE_TRUNC('MINUTE', created_at) AS bucket, direction, COUNT(*) FROM messages"
                        + " WHERE created_at >= ? AND (CAST(? AS VARCHAR(64)) IS NULL OR organization_id = ?)"
                        + " GROUP BY DATE_TRUNC('MINUTE', created_at), direction ORDER BY 1",
                rs -> new Minute(Database.instant(rs.getObject(1)), rs.getString(2), rs.getLong(3)), since,
                organizationId, organizationId);
    }

    public long backlog(Connection c, String organizationId) throws SQLException {
        Long n = Sql.one(c, "SELECT COUNT(*) FROM jobs WHERE (CAST(? AS VARCHAR(64)) IS NULL OR organization_id = ?)",
                rs -> rs.getLong(1), organizationId, organizationId);
        return n == null ? 0 : n;
    }

    /**
     * How long the newest outbound messages (at most 500 since {@code since}) took from the user's
     * request to the carrier's acceptance, sorted.
     */
    public List<Duration> sendLatencies(Connection c, String organizationId, Instant since) throws SQLException {
        List<Duration> out = new ArrayList<>(Sql.list(c, "SELECT m.created_at, MIN(e.created_at) FROM messages m"
                        + " JOIN message_events e ON e.message_id = m.id AND e.status IN ('sent', 'delivered')"
                        + " WHERE m.direction = 'outbound' AND m.created_at >= ?"
                        + " AND (CAST(? AS VARCHAR(64)) IS NULL OR m.organization_id = ?)"
                        + " GROUP BY m.id, m.created_at ORDER BY m.created_at DESC FETCH FIRST 500 ROWS ONLY",
                rs -> Duration.between(Database.instant(rs.getObject(1)), Database.instant(rs.getObject(2))), since,
                organizationId, organizationId));
        out.sort(null);
        return out;
    }
}
