package io.smsbridge.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsbridge.db.Database;
import io.smsbridge.db.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Messages and their status history. Every status change writes one history row. */
public final class MessageStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, organization_id, integration_id, direction, number, contact,"
            + " contact_kind, conversation_id, sender_user, recipients, group_chat, content, media_urls, encoding,"
            + " segments, provider, provider_message_id, status, error_code, error_reason, attempts, next_attempt_at,"
            + " created_at, updated_at";

    /** A new message row. */
    public record NewMessage(String id, String organizationId, String integrationId, String direction, String number,
            String contact, String contactKind, String conversationId, String senderUser, List<String> recipients,
            Boolean group, String content, List<String> mediaUrls, String encoding, Integer segments,
            String provider, String providerMessageId, MessageStatus status) {
    }

    public void insert(Connection c, NewMessage m, Instant now) throws SQLException {
        Sql.update(c, "INSERT INTO messages (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, NULL, NULL, 0, NULL, ?, ?)",
                m.id(), m.organizationId(), m.integrationId(), m.direction(), m.number(), m.contact(),
                m.contactKind(), m.conversationId(), m.senderUser(), json(m.recipients()), m.group(), m.content(),
                json(m.mediaUrls()), m.encoding(), m.segments(), m.provider(), m.providerMessageId(),
                m.status().dbValue(), now, now);
        event(c, m.id(), m.status(), null, now);
    }

    public StoredMessage find(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM messages WHERE id = ?", MessageStore::map, id);
    }

    /** Locks the message row for the rest of the transaction. */
    public StoredMessage lock(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM messages WHERE id = ? FOR UPDATE", MessageStore::map, id);
    }

    public StoredMessage lockByProviderId(Connection c, String integrationId, String providerMessageId)
            throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM messages WHERE integration_id = ? AND provider_message_id = ?"
                + " AND direction = 'outbound' FOR UPDATE", MessageStore::map, integrationId, providerMessageId);
    }

    public void setStatus(Connection c, String id, MessageStatus status, String code, String reason, Instant now)
            throws SQLException {
        Sql.update(c, "UPDATE messages SET status = ?, error_code = ?, error_reason = ?, next_attempt_at = NULL,"
                + " updated_at = ? WHERE id = ?", status.dbValue(), code, truncate(reason), now, id);
        event(c, id, status, detail(code, reason), now);
    }

    /**
     * Moves the message from one status to the next in one statement, no read first; false, and
     * nothing written, when it is not in {@code from} (or does not exist).
     */
    public boolean advance(Connection c, String id, MessageStatus from, MessageStatus to, Instant now)
            throws SQLException {
        if (Sql.update(c, "UPDATE messages SET status = ?, error_code = NULL, error_reason = NULL,"
                + " next_attempt_at = NULL, updated_at = ? WHERE id = ? AND status = ?",
                to.dbValue(), now, id, from.dbValue()) == 0) {
            return false;
        }
        event(c, id, to, null, now);
        return true;
    }

    public void setSending(Connection c, String id, String providerMessageId, int attempts, Instant now)
            throws SQLException {
        Sql.update(c, "UPDATE messages SET status = 'sending', provider_message_id = ?, attempts = ?, error_code = NULL,"
                + " error_reason = NULL, next_attempt_at = NULL, updated_at = ? WHERE id = ?",
                providerMessageId, attempts, now, id);
        event(c, id, MessageStatus.SENDING, providerMessageId == null ? null : "carrier id " + providerMessageId, now);
    }

    public void setRetrying(Connection c, String id, int attempts, Instant nextAt, String code, String reason,
            Instant now) throws SQLException {
        Sql.update(c, "UPDATE messages SET status = 'retrying', attempts = ?, next_attempt_at = ?, error_code = ?,"
                + " error_reason = ?, updated_at = ? WHERE id = ?", attempts, nextAt, code, truncate(reason), now, id);
        event(c, id, MessageStatus.RETRYING, "attempt " + attempts + " failed: " + detail(code, reason), now);
    }

    public void setNextAttempt(Connection c, String id, Instant at) throws SQLException {
        Sql.update(c, "UPDATE messages SET next_attempt_at = ? WHERE id = ?", at, id);
    }

    public void setAttempts(Connection c, String id, int attempts) throws SQLException {
        Sql.update(c, "UPDATE messages SET attempts = ? WHERE id = ?", attempts, id);
    }

    /** Marks which final status the platform was told of; false if it already was. */
    public boolean markNotified(Connection c, String id, MessageStatus status) throws SQLException {
        return Sql.update(c, "UPDATE messages SET notified_status = ? WHERE id = ? AND notified_status IS NULL",
                status.dbValue(), id) == 1;
    }

    public void event(Connection c, String messageId, MessageStatus status, String detail, Instant now)
            throws SQLException {
        Sql.update(c, "INSERT INTO message_events (message_id, status, detail, created_at) VALUES (?, ?, ?, ?)",
                messageId, status.dbValue(), truncate(detail), now);
    }

    private static String detail(String code, String reason) {
        if (code == null) {
            return reason;
        }
        return reason == null ? "code " + code : "code " + code + ": " + reason;
    }

    private static StoredMessage map(ResultSet rs) throws SQLException {
        return new StoredMessage(rs.getString("id"), rs.getString("organization_id"), rs.getString("integration_id"),
                rs.getString("direction"), rs.getString("number"), rs.getString("contact"),
                rs.getString("contact_kind"), rs.getString("conversation_id"), rs.getString("sender_user"),
                list(rs.getString("recipients")), (Boolean) rs.getObject("group_chat"), rs.getString("content"),
                list(rs.getString("media_urls")), rs.getString("encoding"), (Integer) rs.getObject("segments"),
                rs.getString("provider"), rs.getString("provider_message_id"),
                MessageStatus.fromDb(rs.getString("status")), rs.getString("error_code"),
                rs.getString("error_reason"), rs.getInt("attempts"),
                Database.instant(rs.getObject("next_attempt_at", OffsetDateTime.class)),
                Database.instant(rs.getObject("created_at", OffsetDateTime.class)),
                Database.instant(rs.getObject("updated_at", OffsetDateTime.class)));
    }

    private static String json(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> list(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad list in database: " + e.getMessage(), e);
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
