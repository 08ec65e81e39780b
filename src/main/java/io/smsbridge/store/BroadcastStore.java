package io.smsbridge.store;

import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Broadcasts and the messages they are made of (one per contact). */
public final class BroadcastStore {

    /** A broadcast as stored; {@code skipped} is the JSON array of contacts not sent. */
    public record Broadcast(String id, String organizationId, String integrationId, String number,
            String senderUser, String content, String encoding, int segments, int contacts, String skipped,
            Instant createdAt) {
    }

    /** A contact's message that the carrier has not taken yet. */
    public record Pending(String messageId, String contact, int attempts) {
    }

    /** A contact's message as the broadcast's reader sees it. */
    public record Contact(String messageId, String contact, String status, String errorCode, String errorReason) {
    }

    private static final String COLUMNS = "id, organization_id, integration_id, number, sender_user, content,"
            + " encoding, segments, contacts, skipped, created_at";

    public void insert(Connection c, Broadcast b) throws SQLException {
        Sql.update(c, "INSERT INTO broadcasts (" + COLUMNS + ") VALUES (CAST(? AS UUID), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                b.id(), b.organizationId(), b.integrationId(), b.number(), b.senderUser(), b.content(), b.encoding(),
                b.segments(), b.contacts(), b.skipped(), b.createdAt());
    }

    /** Marks the messages as the broadcast's, in one batch. */
    public void link(Connection c, String broadcastId, List<String> messageIds) throws SQLException {
        List<Object[]> rows = new ArrayList<>(messageIds.size());
        for (String id : messageIds) {
            rows.add(new Object[] {broadcastId, id});
        }
        Sql.batch(c, "UPDATE messages SET broadcast_id = CAST(? AS UUID) WHERE id = CAST(? AS UUID)", rows);
    }

    /** The organization's broadcast, or null (another organization's is not found either). */
    public Broadcast find(Connection c, String organizationId, String id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM broadcasts WHERE id = CAST(? AS UUID) AND organization_id = ?",
                BroadcastStore::map, id, organizationId);
    }

    public Broadcast find(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM broadcasts WHERE id = CAST(? AS UUID)", BroadcastStore::map,
                id);
    }

    /** Up to {@code limit} of its messages the carrier has not taken, oldest first. */
    public List<Pending> pending(Connection c, String broadcastId, int limit) throws SQLException {
        return Sql.list(c, "SELECT m.id, m.contact, s.attempts FROM messages m JOIN message_status s"
                + " ON s.message_id = m.id WHERE m.broadcast_id = CAST(? AS UUID) AND s.status IN ('queued', 'retrying')"
                + " AND m.provider_message_id IS NULL ORDER BY m.id FETCH FIRST ? ROWS ONLY",
                rs -> new Pending(rs.getString(1), rs.getString(2), rs.getInt(3)), broadcastId, limit);
    }

    /** How many of its messages are in each status. */
    public Map<String, Integer> counts(Connection c, String broadcastId) throws SQLException {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Object[] row : Sql.list(c, "SELECT s.status, COUNT(*) FROM messages m JOIN message_status s"
                + " ON s.message_id = m.id WHERE m.broadcast_id = CAST(? AS UUID) GROUP BY s.status",
                rs -> new Object[] {rs.getString(1), rs.getInt(2)}, broadcastId)) {
            out.put((String) row[0], (Integer) row[1]);
        }
        return out;
    }

    public List<Contact> contacts(Connection c, String broadcastId) throws SQLException {
        return Sql.list(c, "SELECT m.id, m.contact, s.status, s.error_code, s.error_reason FROM messages m"
                + " JOIN message_status s ON s.message_id = m.id WHERE m.broadcast_id = CAST(? AS UUID) ORDER BY m.id",
                rs -> new Contact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)), broadcastId);
    }

    private static Broadcast map(java.sql.ResultSet rs) throws SQLException {
        return new Broadcast(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getString(10),
                Database.instant(rs.getObject(11)));
    }
}
