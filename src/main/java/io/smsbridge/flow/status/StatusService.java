package io.smsbridge.flow.status;

import io.smsbridge.flow.jobs.HandOff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.directory.DirectoryService;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.directory.Organization;
import io.smsbridge.store.Job;
import io.smsbridge.store.JobKind;
import io.smsbridge.store.JobStore;
import io.smsbridge.core.message.CarrierEvent;
import io.smsbridge.core.message.MessageStatus;
import io.smsbridge.store.MessageStore;
import io.smsbridge.store.ReceiptStore;
import io.smsbridge.core.message.StatusReport;
import io.smsbridge.core.message.StoredMessage;
import io.smsbridge.flow.platform.PlatformEvents;
import io.smsbridge.core.retry.Outcome;
import io.smsbridge.core.retry.RetryPolicies;
import io.smsbridge.core.retry.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies carrier status reports to outbound messages: de-duplicated, never moving a status
 * backwards, and telling the platform {@code delivered} or {@code failed} once per message. A report
 * that arrives before the carrier's id was stored is parked and applied when the id is known
 * ({@link #applyParked}).
 */
public final class StatusService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(StatusService.class);

    private final io.smsbridge.flow.metrics.MessageMetrics metrics;
    private final Database db;
    private final DirectoryService directory;
    private final MessageStore messages;
    private final ReceiptStore receipts;
    private final JobStore jobs;
    private final RetryPolicies policies;

    public StatusService(Database db, DirectoryService directory, MessageStore messages, ReceiptStore receipts,
            JobStore jobs, RetryPolicies policies, io.smsbridge.flow.metrics.MessageMetrics metrics) {
        this.metrics = metrics;
        this.db = db;
        this.directory = directory;
        this.messages = messages;
        this.receipts = receipts;
        this.jobs = jobs;
        this.policies = policies;
    }

    /** Result of a report: the message it concerned (null if parked or repeated) and jobs to hand off. */
    public record Applied(String messageId, boolean duplicate, List<Job> jobs) {
    }

    public Applied accept(Integration integration, CarrierEvent.Status event) {
        StatusReport report = event.report();
        Instant now = Instant.now();
        Applied applied = db.inTransaction(c -> {
            StoredMessage m = messages.lockByProviderId(c, integration.id(), report.providerMessageId());
            // one statement: the receipt names its message, or keeps the report until the carrier id is stored
            boolean first = m == null
                    ? receipts.park(c, integration.id(), report.dedupeKey(), report.providerMessageId(),
                            JSON.writeValueAsString(report), now)
                    : receipts.record(c, integration.id(), ReceiptStore.STATUS, report.dedupeKey(), m.id(), now);
            if (!first) {
                return new Applied(null, true, List.of());
            }
            if (m == null) {
                return new Applied(null, false, List.of());
            }
            List<Job> handOff = new ArrayList<>();
            apply(c, m, report, now, handOff);
            return new Applied(m.id(), false, handOff);
        });
        if (applied.messageId() == null && !applied.duplicate()) {
            // parked: the send's result may have been committed meanwhile, after it looked for parked reports
            return new Applied(null, false, takeParked(integration.id(), report.providerMessageId()));
        }
        return applied;
    }

    /**
     * Applies the reports that waited for this carrier id, if its message has the id by now. Called
     * once the send's result is committed and once a report is parked: whichever of the two commits
     * second sees the other's row, so no report is left parked, also when two instances commit them at
     * the same moment. Reads first, outside the writer: almost always there is nothing waiting.
     */
    public List<Job> applyParked(String integrationId, String providerMessageId) {
        if (providerMessageId == null
                || !db.withConnection(c -> receipts.hasParked(c, integrationId, providerMessageId))) {
            return List.of();
        }
        return takeParked(integrationId, providerMessageId);
    }

    /** {@link #applyParked} for many carrier ids (a bulk send's) with one read for all of them. */
    public List<Job> applyParkedAll(String integrationId, java.util.Collection<String> providerMessageIds) {
        java.util.Set<String> parked = db.withConnection(c -> receipts.parkedAmong(c, integrationId,
                providerMessageIds));
        List<Job> out = new java.util.ArrayList<>();
        for (String id : parked) {
            out.addAll(takeParked(integrationId, id));
        }
        return out;
    }

    /**
     * The looks nobody made: applies parked reports whose message has its carrier id by now. The look
     * after a commit is lost when the process dies, or the database goes away, between the commit and
     * the look; without this those reports would stay parked. Run on a timer: almost always it is one
     * indexed read per integration that finds nothing.
     */
    public HandOff sweepParked() {
        List<Job> handOff = new ArrayList<>();
        int found = 0;
        for (String integrationId : directory.current().integrations().keySet()) {
            List<String> carrierIds = db.withConnection(c -> receipts.parkedWithMessage(c, integrationId, 100));
            found += carrierIds.size();
            for (String carrierId : carrierIds) {
                handOff.addAll(takeParked(integrationId, carrierId));
            }
        }
        if (found > 0) {
            // usually a look that did not happen (a restart or a database outage right after a commit);
            // rarely the sweep ran between a commit and its own look, which then finds nothing
            LOG.info("Applied the parked status reports of {} message(s) that waited for the sweep", found);
        }
        return new HandOff(handOff);
    }

    /** Applies the parked reports of this carrier id if its message has the id; nothing otherwise. */
    private List<Job> takeParked(String integrationId, String providerMessageId) {
        Instant now = Instant.now();
        return db.inTransaction(c -> {
            // the message's lock puts two takers (the send and a report, or two instances) one after the other
            StoredMessage m = messages.lockByProviderId(c, integrationId, providerMessageId);
            if (m == null) {
                return List.of(); // the send's result is not committed yet: it looks again when it is
            }
            List<Job> handOff = new ArrayList<>();
            for (String json : receipts.takeParked(c, integrationId, providerMessageId, m.id())) {
                StatusReport report;
                try {
                    report = JSON.readValue(json, StatusReport.class);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("unreadable parked report: " + e.getMessage(), e);
                }
                m = apply(c, m, report, now, handOff);
            }
            return handOff;
        });
    }

    private StoredMessage apply(Connection c, StoredMessage m, StatusReport report, Instant now, List<Job> handOff)
            throws SQLException {
        io.smsbridge.flow.logs.LogContext.message(m.id(), m.integrationId(), m.organizationId());
        MessageStatus current = m.status();
        if (report.status() == MessageStatus.FAILED && !current.isFinal() && resend(c, m, report, now)) {
            return with(m, MessageStatus.RETRYING, now);
        }
        if (current.canMoveTo(report.status())) {
            messages.setStatus(c, m.id(), report.status(), report.code(), report.reason(), now);
            current = report.status();
            if (current == MessageStatus.DELIVERED || current == MessageStatus.FAILED) {
                metrics.message(m.integrationId(), "outbound", current == MessageStatus.DELIVERED
                        ? io.smsbridge.flow.metrics.MessageMetrics.Event.DELIVERED
                        : io.smsbridge.flow.metrics.MessageMetrics.Event.FAILED);
            }
            if (report.notifyPlatform()) {
                notifyPlatform(c, m, report.status(), report.code(), report.reason(), now, handOff);
            }
        } else {
            messages.event(c, m.id(), current, "report " + report.status().dbValue() + " ignored: message is "
                    + current.dbValue(), now);
        }
        return with(m, current, now);
    }

    /**
     * A failure the provider's retry table calls transient (DIDWW code 4, thinQ EXPIRED, …) sends the
     * message again later instead of failing it; false when it is permanent or the table is exhausted.
     */
    private boolean resend(Connection c, StoredMessage m, StatusReport report, Instant now) throws SQLException {
        Outcome outcome = report.code() == null ? Outcome.carrierCode("none", report.reason())
                : Outcome.carrierCode(report.code(), report.reason());
        RetryPolicy policy = policies.forProvider(m.provider());
        if (policy.needsOperator(outcome)) {
            LOG.error("{} needs an operator: {} ({}); message {}", m.provider(), report.reason(), report.code(),
                    m.id());
        }
        Instant next = policy.retryAt(outcome, Math.max(m.attempts(), 1), m.createdAt(), now, null);
        if (next == null) {
            return false;
        }
        messages.setRetrying(c, m.id(), m.attempts(), next, report.code(), report.reason(), now);
        jobs.enqueueSendAt(c, m.id(), m.organizationId(), m.integrationId(), next, now);
        LOG.info("Message {}: {} reported {} ({}); sending again at {}", m.id(), m.provider(), report.code(),
                report.reason(), next);
        return true;
    }

    private static StoredMessage with(StoredMessage m, MessageStatus status, Instant now) {
        return new StoredMessage(m.id(), m.organizationId(), m.integrationId(), m.direction(), m.number(),
                m.contact(), m.contactKind(), m.conversationId(), m.senderUser(), m.recipients(), m.group(),
                m.content(), m.mediaUrls(), m.encoding(), m.segments(), m.provider(), m.providerMessageId(), status,
                m.errorCode(), m.errorReason(), m.attempts(), m.nextAttemptAt(), m.createdAt(), now);
    }

    /** Enqueues the platform's {@code delivered} / {@code failed} event, once per message. */
    public void notifyPlatform(Connection c, StoredMessage m, MessageStatus outcome, String code, String reason,
            Instant now, List<Job> handOff) throws SQLException {
        Organization org = directory.current().organizations().get(m.organizationId());
        if (org == null || org.webhookUrl() == null || !messages.markNotified(c, m.id(), outcome)) {
            return;
        }
        String payload = outcome == MessageStatus.FAILED
                ? PlatformEvents.failed(m.id(), code, reason)
                : PlatformEvents.delivered(m.id());
        handOff.add(jobs.enqueue(c, JobKind.PLATFORM_POST, m.id(), org.id(), payload, now));
    }
}
