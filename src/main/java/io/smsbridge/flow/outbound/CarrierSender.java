package io.smsbridge.flow.outbound;

import io.smsbridge.core.message.OutboundSms;
import io.smsbridge.core.message.SendResult;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;
import io.smsbridge.store.db.Write;
import io.smsbridge.store.directory.DirectoryService;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.store.Job;
import io.smsbridge.flow.jobs.HandOff;
import io.smsbridge.flow.jobs.JobDispatch;
import io.smsbridge.flow.jobs.JobExchange;
import io.smsbridge.store.JobStore;
import io.smsbridge.core.message.MessageStatus;
import io.smsbridge.store.MessageStore;
import io.smsbridge.core.message.StoredMessage;
import io.smsbridge.core.directory.ProviderName;
import io.smsbridge.core.retry.CircuitBreakers;
import io.smsbridge.core.retry.OnUncertain;
import io.smsbridge.core.retry.Outcome;
import io.smsbridge.core.retry.RetryPolicies;
import io.smsbridge.core.retry.RetryPolicy;
import io.smsbridge.flow.jobs.RetryRoutePolicy;
import io.smsbridge.flow.logs.LogContext;
import io.smsbridge.flow.metrics.MessageMetrics;
import io.smsbridge.flow.status.StatusService;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The carrier-send job around the carrier call: takes the job, gives the carrier-call route an
 * {@link OutboundSms}, and records its {@link SendResult} — sending, retry later, or failed — by the
 * provider's retry table.
 */
public final class CarrierSender {

    private static final String WAITING = CarrierHealth.WAITING;
    private static final Logger LOG = LoggerFactory.getLogger(CarrierSender.class);
    /** The message as prepare read it; complete judges the result with it instead of reading it again. */
    private static final String MESSAGE = "smsBridgeMessage";

    private final SendThrottle throttle;
    private final Database db;
    private final DirectoryService directory;
    private final MessageStore messages;
    private final JobStore jobs;
    private final StatusService status;
    private final RetryPolicies policies;
    private final CircuitBreakers circuits;
    private final CarrierHealth health;
    private final UncertainSends uncertain;
    private final MessageMetrics metrics;

    public CarrierSender(Database db, DirectoryService directory, MessageStore messages, JobStore jobs,
            StatusService status, RetryPolicies policies, CircuitBreakers circuits, SendThrottle throttle,
            UncertainSends uncertain, MessageMetrics metrics) {
        this.uncertain = uncertain;
        this.metrics = metrics;
        this.throttle = throttle;
        this.db = db;
        this.directory = directory;
        this.messages = messages;
        this.jobs = jobs;
        this.status = status;
        this.policies = policies;
        this.circuits = circuits;
        this.health = new CarrierHealth(circuits);
    }

    /** Takes the job in the body (a {@link SendJob} or a job id). Body becomes the OutboundSms. */
    public void prepare(Exchange exchange) {
        LogContext.clear();
        boolean probe = exchange.getMessage().getBody() instanceof JobDispatch.Admitted a && a.probe();
        SendJob handed = exchange.getMessage().getBody() instanceof SendJob s ? s : null;
        if (handed != null) {
            exchange.getMessage().setBody(handed.job());
        }
        Job job = JobExchange.claim(exchange, jobs);
        if (job == null) {
            return;
        }
        // only the job's holder changes a queued message: it is as accepted while the first lease holds
        // (a job kept past a third of it had to renew the lease, and is read again to be safe)
        StoredMessage m = handed != null && job == handed.job() ? handed.message()
                : db.withConnection(c -> messages.find(c, job.messageId()));
        if (m != null) {
            LogContext.message(m.id(), m.integrationId(), m.organizationId());
        }
        Integration integration = m == null ? null : directory.current().integrations().get(m.integrationId());
        exchange.getMessage().removeHeaders("*");
        if (integration == null) {
            // the integration left the directory while the message waited
            JobExchange.skip(exchange);
            exchange.getMessage().setBody(new HandOff(finish(job, m, SendResult.failed(new Outcome(List.of("config"),
                    "config", "integration " + (m == null ? "?" : m.integrationId()) + " is no longer in the directory"),
                    null), null, null)));
            return;
        }
        boolean lookUp = false;
        if (job.uncertain()) {
            // a crash left this send's outcome unknown: decided before the circuit and the throttle,
            // which would put it back and forget that
            OnUncertain mode = uncertain.mode(integration);
            if (mode == OnUncertain.FAIL) {
                JobExchange.skip(exchange);
                LOG.warn("Message {} of {}: its send at {} has no recorded answer; marked failed, not sent again"
                        + " (on-uncertain: fail)", m.id(), m.integrationId(), job.callStartedAt());
                exchange.getMessage().setBody(new HandOff(failed(job, m, OnUncertain.outcome(null), m.attempts() + 1,
                        Instant.now())));
                return;
            }
            lookUp = mode == OnUncertain.CHECK;
            LOG.warn("Message {} of {}: its send at {} has no recorded answer; {}", m.id(), m.integrationId(),
                    job.callStartedAt(), lookUp ? "asking " + m.provider() + " whether it took it (on-uncertain: check)"
                            : "sending it again (on-uncertain: resend)");
        }
        exchange.setProperty(CarrierCalls.LOOK_UP, lookUp);
        CircuitBreakers.Permit permit = probe || lookUp ? null : circuits.permit(integration.id(), Instant.now());
        if (permit != null && !permit.allowed()) {
            JobExchange.skip(exchange);
            defer(job, m, permit.waitUntil());
            return;
        }
        // over its rate: back to the outbox until its slot (a probe is one send, and goes now)
        if (!probe && !lookUp && throttle.hold(job, integration, directory.current().numbers().get(m.number()), Instant.now())
                != null) {
            JobExchange.skip(exchange);
            return;
        }
        exchange.setProperty(MESSAGE, m);
        exchange.setProperty(RetryRoutePolicy.PROVIDER_TABLE, ProviderName.retryTable(integration.provider()));
        exchange.getMessage().setBody(new OutboundSms(m.id(), integration, m.number(), m.contact(), m.senderUser(),
                m.content(),
                m.mediaUrls(), job.attempts()));
    }

    /** The carrier is failing: the job waits for the circuit to close, keeping its place in line. */
    private void defer(Job job, StoredMessage m, Instant until) {
        RetryPolicy policy = policies.forProvider(m.provider());
        if (until.isAfter(m.createdAt().plus(policy.maxAge()))) {
            finish(job, m, SendResult.failed(new Outcome(List.of("circuit"), "circuit",
                    m.provider() + " kept failing until the message was too old to send"), null), null, null);
            return;
        }
        LOG.debug("Message {} waits for {} until {}", m.id(), m.integrationId(), until);
        db.inTransaction(c -> {
            jobs.retryAt(c, job.id(), until, WAITING + m.provider() + " is failing (circuit open)");
            messages.setNextAttempt(c, m.id(), until);
            return null;
        });
        if (circuits.openUntil(m.integrationId()) == null) {
            // the probe succeeded while this job was being put aside: it missed the release
            db.inTransaction(c -> {
                jobs.retryAt(c, job.id(), Instant.now(), WAITING + m.provider() + " is back");
                return null;
            });
        }
    }

    /**
     * The send's state before its carrier call, committed first: if the bridge stops before the answer
     * is recorded, whoever takes the job next knows the outcome is unknown (a lookup needs none).
     */
    public void calling(Exchange exchange) {
        if (!Boolean.TRUE.equals(exchange.getProperty(CarrierCalls.LOOK_UP, Boolean.class))) {
            db.writeAll(List.of(jobs.callingWrite(JobExchange.job(exchange).id(), Instant.now())));
        }
    }

    /** Records the carrier call's result, judged by the retry table its route policy named. */
    public void complete(Exchange exchange) {
        Job job = JobExchange.job(exchange);
        SendResult result = exchange.getMessage().getBody(SendResult.class);
        // only this job sends the message: what prepare read still holds for attempts, provider and age
        StoredMessage m = exchange.getProperty(MESSAGE, StoredMessage.class);
        RetryPolicy policy = m == null ? null : RetryRoutePolicy.of(exchange, policies.forProvider(m.provider()));
        boolean lookUp = Boolean.TRUE.equals(exchange.getProperty(CarrierCalls.LOOK_UP, Boolean.class));
        exchange.getMessage().setBody(new HandOff(lookUp ? lookedUp(job, m, result, policy)
                : finish(job, m, result, policy, exchange.getProperty(CarrierCalls.HTTP_STATUS, "none", String.class))));
    }

    /** The carrier's answer about an uncertain send: it took it (sent), never got it (send now), or cannot tell. */
    private List<Job> lookedUp(Job job, StoredMessage m, SendResult result, RetryPolicy policy) {
        Instant now = Instant.now();
        int attempt = m.attempts() + 1;
        if (result.isAccepted()) {
            LOG.info("Message {} of {}: {} had taken it before the restart; recorded as sent", m.id(),
                    m.integrationId(), m.provider());
            return sent(job, m, result.providerMessageId(), attempt, now);
        }
        if (result.isNotSent()) {
            LOG.info("Message {} of {}: {} never got it; it is sent now", m.id(), m.integrationId(), m.provider());
            db.inTransaction(c -> {
                jobs.notSent(c, job.id(), "looked up: " + m.provider() + " never got it");
                return null;
            });
            return List.of();
        }
        Outcome o = result.failure();
        Instant next = policy == null ? null : policy.retryAt(o, attempt, m.createdAt(), now, result.retryAfter());
        if (next == null) {
            return failed(job, m, OnUncertain.outcome(m.provider() + " could not be asked: " + o.reason()), attempt,
                    now);
        }
        db.inTransaction(c -> {
            jobs.lookUpAt(c, job.id(), next, "uncertain: " + m.provider() + " could not be asked (" + o.code() + ")");
            return null;
        });
        return List.of();
    }

    /** {@code answerStatus}: the HTTP status of the carrier's answer ("none": unreachable), null when it made no call. */
    private List<Job> finish(Job job, StoredMessage m, SendResult result, RetryPolicy policy, String answerStatus) {
        Instant now = Instant.now();
        if (m == null) {
            db.writeAll(List.of(jobs.deleteWrite(job.id())));
            return List.of();
        }
        // attempts count sends of the message, whatever job carried them (a report may ask for a resend)
        int attempt = m.attempts() + 1;
        if (result.isAccepted()) {
            answered(m, "ok", answerStatus);
            return sent(job, m, result.providerMessageId(), attempt, now);
        }
        Outcome o = result.failure();
        java.time.Duration retryAfter = health.retryAfter(result.retryAfter());
        health.failed(policy, o, retryAfter, m.integrationId(), m.provider(), "message " + m.id(), now);
        Instant next = policy == null ? null : policy.retryAt(o, attempt, m.createdAt(), now, retryAfter);
        answered(m, next != null ? "retryable" : "permanent", answerStatus);
        if (next != null) {
            boolean paused = health.paused(m.integrationId());
            Instant at = health.retryTime(m.integrationId(), next);
            String why = health.why(m.integrationId(), o.reason());
            db.inTransaction(c -> {
                messages.setRetrying(c, m.id(), attempt, at, o.code(), o.reason(), now);
                jobs.retryAt(c, job.id(), at, why);
                return null;
            });
            if (!paused) {
                LOG.info("Message {} attempt {} to {} failed ({}), next attempt at {}", m.id(), attempt,
                        m.provider(), o.code(), next);
            }
            return List.of();
        }
        List<Job> handOff = failed(job, m, o, attempt, now);
        LOG.warn("Message {} failed at {} after {} attempt(s): {} {}", m.id(), m.provider(), attempt, o.code(),
                o.reason());
        return handOff;
    }

    private void answered(StoredMessage m, String answerClass, String status) {
        if (status != null) {
            metrics.carrierAnswer(m.integrationId(), answerClass, status);
        }
    }

    /** The message failed for good: its state, the job gone, and the platform's event, in one transaction. */
    private List<Job> failed(Job job, StoredMessage m, Outcome o, int attempt, Instant now) {
        metrics.message(m.integrationId(), "outbound", MessageMetrics.Event.FAILED);
        return db.inTransaction(c -> {
            messages.setAttempts(c, m.id(), attempt);
            messages.setStatus(c, m.id(), MessageStatus.FAILED, o.code(), o.reason(), now);
            jobs.delete(c, job.id());
            List<Job> posts = new ArrayList<>();
            status.notifyPlatform(c, m, MessageStatus.FAILED, o.code(), o.reason(), now, posts);
            return posts;
        });
    }

    /**
     * The carrier took the message: its state and the job's delete read nothing back, so they go as
     * statements with the commit's like ones; then the status reports that overtook the carrier's answer.
     */
    private List<Job> sent(Job job, StoredMessage m, String carrierId, int attempt, Instant now) {
        metrics.message(m.integrationId(), "outbound", MessageMetrics.Event.SENT);
        metrics.sendLatency(m.integrationId(), java.time.Duration.between(m.createdAt(), now));
        List<Write> writes = new ArrayList<>(messages.sending(m.id(), carrierId, attempt, now));
        writes.add(jobs.deleteWrite(job.id()));
        if (circuits.succeeded(m.integrationId())) {
            int waiting = db.inTransaction(c -> {
                Sql.updateAll(c, writes);
                return jobs.release(c, m.integrationId(), now);
            });
            LOG.info("Integration {} ({}) works again; {} waiting message(s) go out oldest first",
                    m.integrationId(), m.provider(), waiting);
        } else {
            db.writeAll(writes);
        }
        return status.applyParked(m.integrationId(), carrierId);
    }
}
