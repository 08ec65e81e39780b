package io.smsbridge.store.admin;

import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Every admin change, written in the change's own transaction: who, what, before and after, when. */
public final class AuditLog {

    /** {@code before} and {@code after} are JSON with secrets already masked (null when nothing was there). */
    public record Entry(long id, Instant at, String actor, String organizationId, String action, String target,
            String before, String after) {
    }

    public void record(Connection c, String actor, String organizationId, String action, String target,
            String before, String after, Instant now) throws SQLException {
        Sql.update(c, "INSERT INTO audit_log (changed_at, actor, organization_id, action, target, before_state,"
                + " after_state) VALUES (?, ?, ?, ?, ?, ?, ?)", now, actor, organizationId, action, target, before, after);
    }

    /** Newest first, below {@code beforeId} (0: from the newest); {@code organizationId} null: all. */
    public List<Entry> list(Connection c, String organizationId, long beforeId, int limit) throws SQLException {
        return Sql.list(c, "SELECT id, changed_at, actor, organization_id, action, target, before_state, after_state"
                        + " FROM audit_log WHERE (CAST(? AS VARCHAR(64)) IS NULL OR organization_id = ?)"
                        + " AND (? = 0 OR id < ?) ORDER BY id DESC FETCH FIRST " + Math.max(1, Math.min(limit, 500))
                        + " ROWS ONLY",
                rs -> new Entry(rs.getLong(1), Database.instant(rs.getObject(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)),
                organizationId, organizationId, beforeId, beforeId);
    }
}
