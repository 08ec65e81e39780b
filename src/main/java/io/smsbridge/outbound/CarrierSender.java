package io.smsbridge.outbound;

import io.smsbridge.db.Database;
import io.smsbridge.directory.DirectoryService;
import io.smsbridge.directory.Integration;
import io.smsbridge.jobs.Job;
import io.smsbridge.jobs.JobExchange;
import io.smsbridge.jobs.JobStore;
import io.smsbridge.message.MessageStatus;
import io.smsbridge.message.MessageStore;
import io.smsbridge.message.StoredMessage;
import io.smsbridge.retry.Outcome;
import io.smsbridge.retry.RetryPolicies;
import io.smsbridge.status.StatusService;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The carrier-send job around a provider route: takes the job, gives the provider route an
 * {@link OutboundSms}, and records its {@link SendResult} — sending, retry later, or failed — by the
 * provider's retry table.
 */
public final class CarrierSender {

    public static final String PROVIDER_HEADER = "SmsBridgeProvider";
    private static final Logger LOG = LoggerFactory.getLogger(CarrierSender.class);

    private final Database db;
    private final DirectoryService directory;
    private final MessageStore messages;
    private final JobStore jobs;
    private final StatusService status;
    private final RetryPolicies policies;

    public CarrierSender(Database db, DirectoryService directory, MessageStore messages, JobStore jobs,
            StatusService status, RetryPolicies policies) {
        this.db = db;
        this.directory = directory;
        this.messages = messages;
        this.jobs = jobs;
        this.status = status;
        this.policies = policies;
    }

    /** Takes the job in the body (its id). Body becomes the OutboundSms. */
    public void prepare(Exchange exchange) {
        Job job = JobExchange.claim(exchange, jobs);
        if (job == null) {
            return;
        }
        StoredMessage m = db.withConnection(c -> messages.find(c, job.messageId()));
        Integration integration = m == null ? null : directory.current().integrations().get(m.integrationId());
        exchange.getMessage().removeHeaders("*");
        if (integration == null) {
            // the integration left the directory while the message waited
            JobExchange.skip(exchange);
            finish(job, m, SendResult.failed(new Outcome(List.of("config"), "config",
                    "integration " + (m == null ? "?" : m.integrationId()) + " is no longer in the directory"), null));
            return;
        }
        exchange.getMessage().setHeader(PROVIDER_HEADER, integration.provider());
        exchange.getMessage().setBody(new OutboundSms(m.id(), integration, m.number(), m.contact(), m.content(),
                m.mediaUrls(), job.attempts()));
    }

    /** The provider route could not reach the carrier (connection refused, timeout, …). */
    public void unreachable(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        exchange.getMessage().setBody(SendResult.failed(Outcome.io(e), null));
    }

    /** Records the provider route's result. */
    public void complete(Exchange exchange) {
        Job job = JobExchange.job(exchange);
        SendResult result = exchange.getMessage().getBody(SendResult.class);
        StoredMessage m = db.withConnection(c -> messages.find(c, job.messageId()));
        List<Long> jobIds = finish(job, m, result);
        exchange.getMessage().setBody(jobIds);
    }

    private List<Long> finish(Job job, StoredMessage m, SendResult result) {
        Instant now = Instant.now();
        List<Long> jobIds = new ArrayList<>();
        db.inTransaction(c -> {
            if (m == null) {
                jobs.delete(c, job.id());
                return null;
            }
            if (result.isAccepted()) {
                messages.setSending(c, m.id(), result.providerMessageId(), job.attempts(), now);
                jobs.delete(c, job.id());
                StoredMessage sent = messages.find(c, m.id());
                status.applyParked(c, sent, now, jobIds);
                return null;
            }
            Outcome o = result.failure();
            Instant next = policies.get(m.provider()).retryAt(o, job.attempts(), job.createdAt(), now,
                    result.retryAfter());
            if (next != null) {
                messages.setRetrying(c, m.id(), job.attempts(), next, o.code(), o.reason(), now);
                jobs.retryAt(c, job.id(), next, o.reason());
                LOG.info("Message {} attempt {} to {} failed ({}), next attempt at {}", m.id(), job.attempts(),
                        m.provider(), o.code(), next);
            } else {
                messages.setAttempts(c, m.id(), job.attempts());
                messages.setStatus(c, m.id(), MessageStatus.FAILED, o.code(), o.reason(), now);
                jobs.delete(c, job.id());
                status.notifyPlatform(c, m, MessageStatus.FAILED, o.code(), o.reason(), now, jobIds);
                LOG.warn("Message {} failed at {} after {} attempt(s): {} {}", m.id(), m.provider(), job.attempts(),
                        o.code(), o.reason());
            }
            return null;
        });
        return jobIds;
    }
}
