package io.smsbridge.message;

import io.smsbridge.db.Database;
import io.smsbridge.db.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.List;

/**
 * Idempotency for carrier requests: the first request with a key is recorded, a repeat finds the key
 * taken. The insert is the first statement of its transaction, guarded by a savepoint so that a
 * duplicate leaves the transaction usable on PostgreSQL too.
 */
public final class ReceiptStore {

    public static final String INBOUND = "inbound";
    public static final String STATUS = "status";

    /** Records a receipt; false when the same (integration, kind, key) was recorded before. */
    public boolean record(Connection c, String integrationId, String kind, String dedupeKey, String providerMessageId,
            Instant now) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try {
            Sql.update(c, "INSERT INTO carrier_receipts (integration_id, kind, dedupe_key, provider_message_id,"
                    + " received_at) VALUES (?, ?, ?, ?, ?)", integrationId, kind, dedupeKey, providerMessageId, now);
            c.releaseSavepoint(sp);
            return true;
        } catch (SQLException e) {
            if (Database.isUniqueViolation(e)) {
                c.rollback(sp);
                return false;
            }
            throw e;
        }
    }

    public void link(Connection c, String integrationId, String kind, String dedupeKey, String messageId)
            throws SQLException {
        Sql.update(c, "UPDATE carrier_receipts SET message_id = ? WHERE integration_id = ? AND kind = ?"
                + " AND dedupe_key = ?", messageId, integrationId, kind, dedupeKey);
    }

    /** Keeps a status report whose message is not known yet (its carrier id is still on its way back). */
    public void park(Connection c, String integrationId, String dedupeKey, String reportJson) throws SQLException {
        Sql.update(c, "UPDATE carrier_receipts SET pending_report = ? WHERE integration_id = ? AND kind = ?"
                + " AND dedupe_key = ?", reportJson, integrationId, STATUS, dedupeKey);
    }

    /** Takes the parked reports for a carrier id, oldest first. */
    public List<String> takeParked(Connection c, String integrationId, String providerMessageId, String messageId)
            throws SQLException {
        List<String> reports = Sql.list(c, "SELECT pending_report FROM carrier_receipts WHERE integration_id = ?"
                + " AND provider_message_id = ? AND pending_report IS NOT NULL ORDER BY received_at",
                rs -> rs.getString(1), integrationId, providerMessageId);
        if (!reports.isEmpty()) {
            Sql.update(c, "UPDATE carrier_receipts SET pending_report = NULL, message_id = ? WHERE integration_id = ?"
                    + " AND provider_message_id = ? AND pending_report IS NOT NULL", messageId, integrationId,
                    providerMessageId);
        }
        return reports;
    }
}
