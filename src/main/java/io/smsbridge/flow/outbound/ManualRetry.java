package io.smsbridge.flow.outbound;

import io.smsbridge.core.message.MessageStatus;
import io.smsbridge.core.refusal.Refusal;
import io.smsbridge.store.JobStore;
import io.smsbridge.store.MessageStore;
import io.smsbridge.store.admin.AuditLog;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;

import java.time.Instant;

/**
 * An admin sends a failed outbound message again: it is queued afresh (attempts from zero) and the
 * outbox poller hands it to its carrier, on whichever instance takes it first.
 */
public final class ManualRetry {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Database db;
    private final MessageStore messages;
    private final JobStore jobs;
    private final AuditLog audit;

    public ManualRetry(Database db, MessageStore messages, JobStore jobs, AuditLog audit) {
        this.db = db;
        this.messages = messages;
        this.jobs = jobs;
        this.audit = audit;
    }

    public void retry(String organizationId, String messageId, String actor) {
        Instant now = Instant.now();
        String refused = db.inTransaction(c -> {
            Object[] row = Sql.one(c, "SELECT m.direction, s.status, m.integration_id, s.error_code FROM messages m"
                    + " JOIN message_status s ON s.message_id = m.id WHERE m.id = CAST(? AS UUID)"
                    + " AND m.organization_id = ? FOR UPDATE", rs -> new Object[] {rs.getString(1), rs.getString(2),
                    rs.getString(3), rs.getString(4)}, messageId, organizationId);
            if (row == null) {
                return "missing";
            }
            if (!"outbound".equals(row[0]) || !MessageStatus.FAILED.dbValue().equals(row[1])) {
                return "direction " + row[0] + ", status " + row[1];
            }
            messages.setStatus(c, messageId, MessageStatus.QUEUED, null, "sent again by " + actor, now);
            messages.setAttempts(c, messageId, 0);
            jobs.enqueueSendAt(c, messageId, organizationId, (String) row[2], now, now);
            audit.record(c, actor, organizationId, "message.retry", "message " + messageId,
                    JSON.createObjectNode().put("status", "failed").put("error_code", (String) row[3]).toString(),
                    JSON.createObjectNode().put("status", "queued").toString(), now);
            return null;
        });
        if ("missing".equals(refused)) {
            throw Refusal.notFound("no message " + messageId + " in this organization");
        }
        if (refused != null) {
            throw Refusal.conflict("not_retryable", "only a failed outbound message can be sent again (this one: "
                    + refused + ")");
        }
    }
}
