package io.smsbridge.store.admin;

import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The admin's view of an organization's messages: filtered, paged newest first, one with its history. */
public final class MessageSearch {

    /** Every filter optional; {@code cursor} is the last row of the previous page (created_at, id). */
    public record Filter(String organizationId, String number, String contact, String status, String direction,
            Instant since, Instant until, Instant cursorAt, String cursorId, int limit) {
    }

    private static final String COLUMNS = "m.id, m.direction, s.status, m.number, m.contact, m.sender_user,"
            + " m.recipients, m.group_chat, m.conversation_id, m.content, m.media_urls, m.encoding, m.segments,"
            + " m.provider, m.integration_id, m.provider_message_id, s.error_code, s.error_reason, s.attempts,"
            + " m.keyword, m.created_at, s.updated_at";

    public List<Map<String, Object>> search(Connection c, Filter f) throws SQLException {
        List<Object> p = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM messages m JOIN message_status s"
                + " ON s.message_id = m.id WHERE m.organization_id = ?");
        p.add(f.organizationId());
        if (f.number() != null) {
            sql.append(" AND m.number = ?");
            p.add(f.number());
        }
        if (f.contact() != null) {
            sql.append(" AND m.contact = ?");
            p.add(f.contact());
        }
        if (f.status() != null) {
            sql.append(" AND s.status = ?");
            p.add(f.status());
        }
        if (f.direction() != null) {
            sql.append(" AND m.direction = ?");
            p.add(f.direction());
        }
        if (f.since() != null) {
            sql.append(" AND m.created_at >= ?");
            p.add(f.since());
        }
        if (f.until() != null) {
            sql.append(" AND m.created_at < ?");
            p.add(f.until());
        }
        if (f.cursorAt() != null) {
            sql.append(" AND (m.created_at < ? OR (m.created_at = ? AND m.id > CAST(? AS UUID)))");
            p.add(f.cursorAt());
            p.add(f.cursorAt());
            p.add(f.cursorId());
        }
        sql.append(" ORDER BY m.created_at DESC, m.id FETCH FIRST ").append(f.limit()).append(" ROWS ONLY");
        return Sql.list(c, sql.toString(), MessageSearch::row, p.toArray());
    }

    public Map<String, Object> one(Connection c, String organizationId, String id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM messages m JOIN message_status s ON s.message_id = m.id"
                + " WHERE m.id = CAST(? AS UUID) AND m.organization_id = ?", MessageSearch::row, id, organizationId);
    }

    public List<Map<String, Object>> history(Connection c, String id) throws SQLException {
        return Sql.list(c, "SELECT status, detail, created_at AS at FROM message_events"
                + " WHERE message_id = CAST(? AS UUID) ORDER BY id", MessageSearch::row, id);
    }

    /** A conversation's messages, oldest first (the thread as users see it). */
    public List<Map<String, Object>> thread(Connection c, String organizationId, String number, String contact,
            int limit) throws SQLException {
        List<Map<String, Object>> newest = search(c, new Filter(organizationId, number, contact, null, null, null, null,
                null, null, limit));
        List<Map<String, Object>> out = new ArrayList<>(newest);
        java.util.Collections.reverse(out);
        return out;
    }

    static Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            Object v = rs.getObject(i);
            if (v instanceof java.time.OffsetDateTime || v instanceof java.sql.Timestamp) {
                v = Database.instant(v);
            } else if (v instanceof java.util.UUID u) {
                v = u.toString();
            }
            out.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), v);
        }
        return out;
    }
}
