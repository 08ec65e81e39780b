package io.smsbridge.store;

import io.smsbridge.core.message.MessageStatus;
import io.smsbridge.core.message.StoredMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;
import io.smsbridge.store.db.Write;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Messages and their status history. A message is two rows: the wide one ({@code messages}, written
 * once and again only for the carrier id) and its state ({@code message_status}), which every change
 * locks and updates alone. Every status change
 * writes one history row. On PostgreSQL the statements of one change go as one (data-modifying
 * {@code WITH}), one round trip; H2 has no such statements and no round trips to save.
 */
public final class MessageStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = "SELECT m.id, m.organization_id, m.integration_id, m.direction, m.number,"
            + " m.contact, m.contact_kind, m.conversation_id, m.sender_user, m.recipients, m.group_chat, m.content,"
            + " m.media_urls, m.encoding, m.segments, m.provider, m.provider_message_id, s.status, s.error_code,"
            + " s.error_reason, s.attempts, s.next_attempt_at, m.created_at, s.updated_at"
            + " FROM messages m JOIN message_status s ON s.message_id = m.id";
    private static final String INSERT_MESSAGE = "INSERT INTO messages (id, organization_id, integration_id,"
            + " direction, number, contact, contact_kind, conversation_id, sender_user, recipients, group_chat,"
            + " content, media_urls, encoding, segments, provider, provider_message_id, created_at)"
            + " VALUES (CAST(? AS UUID), ?, ?, ?, ?, ?, ?, CAST(? AS UUID), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_STATUS = "INSERT INTO message_status (message_id, status, attempts,"
            + " updated_at) VALUES (CAST(? AS UUID), ?, 0, ?)";
    private static final String INSERT_EVENT = "INSERT INTO message_events (message_id, status, detail, created_at)"
            + " VALUES (CAST(? AS UUID), ?, ?, ?)";
    private static final String EVENT_SELECT = "INSERT INTO message_events (message_id, status, detail, created_at)"
            + " SELECT message_id, ?, ?, ?";
    private static final String BY_ID = "message_id = CAST(? AS UUID)";
    private static final String SET_CARRIER_ID = "UPDATE messages SET provider_message_id = ?"
            + " WHERE id = CAST(? AS UUID)";

    private final boolean postgres;

    public MessageStore(boolean postgres) {
        this.postgres = postgres;
    }

    /** A new message row. */
    public record NewMessage(String id, String organizationId, String integrationId, String direction, String number,
            String contact, String contactKind, String conversationId, String senderUser, List<String> recipients,
            Boolean group, String content, List<String> mediaUrls, String encoding, Integer segments,
            String provider, String providerMessageId, MessageStatus status) {

        /** The message as {@link #find} reads it right after {@link #insert} at {@code now}. */
        public StoredMessage stored(Instant now) {
            Instant at = Database.asStored(now);
            return new StoredMessage(id, organizationId, integrationId, direction, number, contact, contactKind,
                    conversationId, senderUser, orEmpty(recipients), group, content, orEmpty(mediaUrls), encoding,
                    segments, provider, providerMessageId, status, null, null, 0, null, at, at);
        }

        private static List<String> orEmpty(List<String> values) {
            return values == null ? List.of() : List.copyOf(values);
        }
    }

    public void insert(Connection c, NewMessage m, Instant now) throws SQLException {
        Object[] message = {m.id(), m.organizationId(), m.integrationId(), m.direction(), m.number(), m.contact(),
            m.contactKind(), m.conversationId(), m.senderUser(), json(m.recipients()), m.group(), m.content(),
            json(m.mediaUrls()), m.encoding(), m.segments(), m.provider(), m.providerMessageId(), now};
        Object[] status = {m.id(), m.status().dbValue(), now};
        Object[] event = {m.id(), m.status().dbValue(), null, now};
        if (postgres) {
            Sql.update(c, "WITH m AS (" + INSERT_MESSAGE + "), s AS (" + INSERT_STATUS + ") " + INSERT_EVENT,
                    concat(message, status, event));
            return;
        }
        Sql.update(c, INSERT_MESSAGE, message);
        Sql.update(c, INSERT_STATUS, status);
        Sql.update(c, INSERT_EVENT, event);
    }

    public StoredMessage find(Connection c, String id) throws SQLException {
        return Sql.one(c, SELECT + " WHERE m.id = CAST(? AS UUID)", MessageStore::map, id);
    }

    /** The outbound message with this carrier id, its state locked for the rest of the transaction. */
    public StoredMessage lockByProviderId(Connection c, String integrationId, String providerMessageId)
            throws SQLException {
        String where = " WHERE m.integration_id = ? AND m.provider_message_id = ? AND m.direction = 'outbound'";
        if (postgres) {
            return Sql.one(c, SELECT + where + " FOR UPDATE OF s", MessageStore::map, integrationId,
                    providerMessageId);
        }
        // H2 locks the rows of every table in a FOR UPDATE join (it ignores OF), and a lock rewrites the
        // row: lock the state alone, then read (H2 locks nothing a subquery reads)
        String id = Sql.one(c, "SELECT message_id FROM message_status WHERE message_id IN (SELECT m.id FROM messages m"
                + where + ") FOR UPDATE", rs -> rs.getString(1), integrationId, providerMessageId);
        return id == null ? null : find(c, id);
    }

    public void setStatus(Connection c, String id, MessageStatus status, String code, String reason, Instant now)
            throws SQLException {
        Sql.updateAll(c, change("status = ?, error_code = ?, error_reason = ?, next_attempt_at = NULL, updated_at = ?",
                new Object[] {status.dbValue(), code, truncate(reason), now}, BY_ID, new Object[] {id}, status,
                detail(code, reason), now));
    }

    /**
     * Moves the message from one status to the next, with its history row, for {@link Database#writeAll}
     * (no read first); nothing is written when it is not in {@code from} (or does not exist).
     */
    public List<Write> advance(String id, MessageStatus from, MessageStatus to, Instant now) {
        return change("status = ?, error_code = NULL, error_reason = NULL, next_attempt_at = NULL, updated_at = ?",
                new Object[] {to.dbValue(), now}, BY_ID + " AND status = ?", new Object[] {id, from.dbValue()}, to,
                null, now);
    }

    /**
     * The carrier took the message: its carrier id, {@code sending} and the history row, as statements
     * for {@link Database#writeAll} (only the send's job moves a message to {@code sending}).
     */
    public List<Write> sending(String id, String providerMessageId, int attempts, Instant now) {
        List<Write> writes = new ArrayList<>(3);
        writes.add(new Write(SET_CARRIER_ID, providerMessageId, id));
        writes.addAll(change("status = 'sending', attempts = ?, error_code = NULL, error_reason = NULL,"
                + " next_attempt_at = NULL, updated_at = ?", new Object[] {attempts, now}, BY_ID, new Object[] {id},
                MessageStatus.SENDING, providerMessageId == null ? null : "carrier id " + providerMessageId, now));
        return writes;
    }

    public void setRetrying(Connection c, String id, int attempts, Instant nextAt, String code, String reason,
            Instant now) throws SQLException {
        Sql.updateAll(c, change("status = 'retrying', attempts = ?, next_attempt_at = ?, error_code = ?,"
                + " error_reason = ?, updated_at = ?", new Object[] {attempts, nextAt, code, truncate(reason), now},
                BY_ID, new Object[] {id}, MessageStatus.RETRYING,
                "attempt " + attempts + " failed: " + detail(code, reason), now));
    }

    /**
     * A change of the state row ({@code UPDATE message_status SET set WHERE where}) and, if it changed
     * a row, its history row. PostgreSQL: one statement ({@code WITH u AS (UPDATE … RETURNING)}); H2,
     * which has no data-modifying {@code WITH}: the history row first, while {@code where} still holds.
     */
    private List<Write> change(String set, Object[] setParams, String where, Object[] whereParams,
            MessageStatus status, String detail, Instant now) {
        Object[] event = {status.dbValue(), truncate(detail), now};
        String update = "UPDATE message_status SET " + set + " WHERE " + where;
        if (postgres) {
            return List.of(new Write("WITH u AS (" + update + " RETURNING message_id) " + EVENT_SELECT + " FROM u",
                    concat(setParams, whereParams, event)));
        }
        return List.of(new Write(EVENT_SELECT + " FROM message_status WHERE " + where, concat(event, whereParams)),
                new Write(update, concat(setParams, whereParams)));
    }

    public void setNextAttempt(Connection c, String id, Instant at) throws SQLException {
        Sql.update(c, "UPDATE message_status SET next_attempt_at = ? WHERE " + BY_ID, at, id);
    }

    public void setAttempts(Connection c, String id, int attempts) throws SQLException {
        Sql.update(c, "UPDATE message_status SET attempts = ? WHERE " + BY_ID, attempts, id);
    }

    /** Marks which final status the platform was told of; false if it already was. */
    public boolean markNotified(Connection c, String id, MessageStatus status) throws SQLException {
        return Sql.update(c, "UPDATE message_status SET notified_status = ? WHERE " + BY_ID
                + " AND notified_status IS NULL", status.dbValue(), id) == 1;
    }

    public void event(Connection c, String messageId, MessageStatus status, String detail, Instant now)
            throws SQLException {
        Sql.update(c, INSERT_EVENT, messageId, status.dbValue(), truncate(detail), now);
    }

    private static Object[] concat(Object[]... parts) {
        List<Object> all = new ArrayList<>();
        for (Object[] part : parts) {
            all.addAll(Arrays.asList(part));
        }
        return all.toArray();
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
