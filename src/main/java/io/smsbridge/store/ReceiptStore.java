package io.smsbridge.store;

import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Idempotency for carrier requests: the first request with a key is recorded, a repeat finds the key
 * taken, without a savepoint (group commit runs many transactions in one; on PostgreSQL hundreds of
 * savepoints slow every statement down).
 */
public final class ReceiptStore {

    public static final String INBOUND = "inbound";
    public static final String STATUS = "status";
    /** The reports of one carrier id that wait for their message (integration id, carrier id). */
    private static final String PARKED = " WHERE integration_id = ? AND provider_message_id = ?"
            + " AND pending_report IS NOT NULL";

    private final boolean postgres;

    public ReceiptStore(boolean postgres) {
        this.postgres = postgres;
    }

    /**
     * Records a receipt with the message it concerns, in one statement (a receipt is written once, not
     * updated afterwards); false when the same (integration, kind, key) was recorded before, also when
     * another instance is recording it at this moment (its commit decides; we wait for it).
     *
     * @param messageId the message the request concerns
     */
    public boolean record(Connection c, String integrationId, String kind, String dedupeKey, String messageId,
            Instant now) throws SQLException {
        return insert(c, integrationId, kind, dedupeKey, null, messageId, null, now);
    }

    /**
     * Records a status report whose message's carrier id is not stored yet and keeps it under that id
     * until {@link #takeParked}; false for a repeat, as {@link #record}. Only parked reports carry the
     * carrier id: the {@code carrier_receipts_pending} index exists to find them, and every other
     * receipt's NULL key goes at the index's end where a carrier id would dirty a random index page
     * (H2 rewrites each dirty page whole at commit).
     */
    public boolean park(Connection c, String integrationId, String dedupeKey, String providerMessageId,
            String report, Instant now) throws SQLException {
        return insert(c, integrationId, STATUS, dedupeKey, providerMessageId, null, report, now);
    }

    private boolean insert(Connection c, String integrationId, String kind, String dedupeKey,
            String providerMessageId, String messageId, String pendingReport, Instant now) throws SQLException {
        String insert = "INSERT INTO carrier_receipts (integration_id, kind, dedupe_key, provider_message_id,"
                + " message_id, pending_report, received_at) VALUES (?, ?, ?, ?, CAST(? AS UUID), ?, ?)";
        if (postgres) {
            // a failed statement would abort the transaction: let the database skip the repeat
            return Sql.update(c, insert + " ON CONFLICT DO NOTHING", integrationId, kind, dedupeKey,
                    providerMessageId, messageId, pendingReport, now) == 1;
        }
        try {
            return Sql.update(c, insert, integrationId, kind, dedupeKey, providerMessageId, messageId, pendingReport,
                    now) == 1;
        } catch (SQLException e) {
            // H2 undoes only the failed statement: the transaction goes on
            if (Database.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Whether reports wait for this carrier id (a read outside any transaction, on the index that finds them). */
    public boolean hasParked(Connection c, String integrationId, String providerMessageId) throws SQLException {
        return Sql.one(c, "SELECT 1 FROM carrier_receipts" + PARKED, rs -> Boolean.TRUE, integrationId,
                providerMessageId) != null;
    }

    /** Which of {@code providerMessageIds} have a parked report: one read for a bulk send's ids. */
    public java.util.Set<String> parkedAmong(Connection c, String integrationId,
            java.util.Collection<String> providerMessageIds) throws SQLException {
        if (providerMessageIds.isEmpty()) {
            return java.util.Set.of();
        }
        java.util.List<Object> params = new java.util.ArrayList<>(providerMessageIds.size() + 1);
        params.add(integrationId);
        params.addAll(providerMessageIds);
        String in = String.join(",", java.util.Collections.nCopies(providerMessageIds.size(), "?"));
        return new java.util.HashSet<>(Sql.list(c, "SELECT DISTINCT provider_message_id FROM carrier_receipts"
                + " WHERE integration_id = ? AND provider_message_id IN (" + in + ") AND pending_report IS NOT NULL",
                rs -> rs.getString(1), params.toArray()));
    }

    /**
     * Carrier ids of an integration whose reports are parked although their message has the id by now
     * (a read): what is left when the look after a commit did not happen (the process died, or the
     * database went away, between the commit and the look). Only parked reports keep a carrier id, so
     * this reads the few entries of the {@code carrier_receipts_pending} index past its NULLs.
     */
    public List<String> parkedWithMessage(Connection c, String integrationId, int limit) throws SQLException {
        return Sql.list(c, "SELECT DISTINCT r.provider_message_id FROM carrier_receipts r"
                + " JOIN messages m ON m.integration_id = r.integration_id"
                + " AND m.provider_message_id = r.provider_message_id"
                + " WHERE r.integration_id = ? AND r.provider_message_id >= '' AND r.pending_report IS NOT NULL"
                + " ORDER BY r.provider_message_id FETCH FIRST ? ROWS ONLY",
                rs -> rs.getString(1), integrationId, limit);
    }

    /**
     * Takes the parked reports for a carrier id, oldest first; lock their message first. A taken
     * receipt drops its carrier id, so the index that finds parked reports holds parked ones only.
     */
    public List<String> takeParked(Connection c, String integrationId, String providerMessageId, String messageId)
            throws SQLException {
        List<String> reports = Sql.list(c, "SELECT pending_report FROM carrier_receipts" + PARKED
                + " ORDER BY received_at", rs -> rs.getString(1), integrationId, providerMessageId);
        if (!reports.isEmpty()) {
            Sql.update(c, "UPDATE carrier_receipts SET pending_report = NULL, provider_message_id = NULL,"
                    + " message_id = CAST(? AS UUID)" + PARKED, messageId,
                    integrationId, providerMessageId);
        }
        return reports;
    }
}
