package io.smsbridge.flow.outbound;

import io.smsbridge.carrier.Carriers;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.directory.ProviderName;
import io.smsbridge.core.message.BulkResult;
import io.smsbridge.core.message.MessageStatus;
import io.smsbridge.core.message.OutboundBulk;
import io.smsbridge.core.message.SendResult;
import io.smsbridge.core.message.StoredMessage;
import io.smsbridge.core.retry.CircuitBreakers;
import io.smsbridge.core.retry.FailureClass;
import io.smsbridge.core.retry.Outcome;
import io.smsbridge.core.retry.RetryPolicies;
import io.smsbridge.core.retry.RetryPolicy;
import io.smsbridge.flow.jobs.HandOff;
import io.smsbridge.flow.jobs.JobDispatch;
import io.smsbridge.flow.jobs.JobExchange;
import io.smsbridge.flow.jobs.RetryRoutePolicy;
import io.smsbridge.flow.status.StatusService;
import io.smsbridge.store.BroadcastStore;
import io.smsbridge.store.Job;
import io.smsbridge.store.JobStore;
import io.smsbridge.store.MessageStore;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;
import io.smsbridge.store.db.Write;
import io.smsbridge.store.directory.DirectoryService;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A broadcast's bulk-send job around the carrier call: takes up to the carrier's bulk limit of the
 * broadcast's messages that the carrier has not taken, and records the answer. Taken contacts get
 * their carrier ids (their callbacks follow as for any message). A request that failed transiently
 * is retried by the provider's retry table, as a single send is; one the carrier refused goes again
 * as one send per contact, so a bad contact fails alone. More contacts than one request takes: the
 * job comes back at once for the next chunk.
 */
public final class BulkSender {

    private static final Logger LOG = LoggerFactory.getLogger(BulkSender.class);
    private static final String BROADCAST = "smsBridgeBroadcast";
    private static final String PENDING = "smsBridgePending";
    private static final String LIMIT = "smsBridgeBulkLimit";

    private final io.smsbridge.flow.metrics.MessageMetrics metrics;
    private final Database db;
    private final DirectoryService directory;
    private final BroadcastStore broadcasts;
    private final MessageStore messages;
    private final JobStore jobs;
    private final StatusService status;
    private final RetryPolicies policies;
    private final CircuitBreakers circuits;
    private final CarrierHealth health;
    private final SendThrottle throttle;
    private final Carriers carriers;

    public BulkSender(Database db, DirectoryService directory, BroadcastStore broadcasts, MessageStore messages,
            JobStore jobs, StatusService status, RetryPolicies policies, CircuitBreakers circuits,
            SendThrottle throttle, Carriers carriers, io.smsbridge.flow.metrics.MessageMetrics metrics) {
        this.metrics = metrics;
        this.db = db;
        this.directory = directory;
        this.broadcasts = broadcasts;
        this.messages = messages;
        this.jobs = jobs;
        this.status = status;
        this.policies = policies;
        this.circuits = circuits;
        this.health = new CarrierHealth(circuits);
        this.throttle = throttle;
        this.carriers = carriers;
    }

    /** Takes the job in the body. Body becomes the {@link OutboundBulk}; claimed=false when there is nothing to send now. */
    public void prepare(Exchange exchange) {
        io.smsbridge.flow.logs.LogContext.clear();
        boolean probe = exchange.getMessage().getBody() instanceof JobDispatch.Admitted a && a.probe();
        Job job = JobExchange.claim(exchange, jobs);
        exchange.getMessage().removeHeaders("*");
        if (job == null) {
            skip(exchange, List.of());
            return;
        }
        BroadcastStore.Broadcast b = db.withConnection(c -> broadcasts.find(c, job.messageId()));
        if (b != null) {
            io.smsbridge.flow.logs.LogContext.broadcast(b.id(), b.integrationId(), b.organizationId());
        }
        Integration integration = b == null ? null : directory.current().integrations().get(b.integrationId());
        if (integration == null) {
            // the broadcast was deleted (retention), or its integration left the directory meanwhile
            skip(exchange, failRest(job, b, new Outcome(List.of("config"), "config", "integration "
                    + (b == null ? "?" : b.integrationId()) + " is no longer in the directory")));
            return;
        }
        Instant now = Instant.now();
        RetryPolicy policy = policies.forProvider(integration.provider());
        if (now.isAfter(b.createdAt().plus(policy.maxAge()))) {
            skip(exchange, failRest(job, b, new Outcome(List.of("circuit"), "circuit", integration.provider()
                    + " kept failing until the broadcast was too old to send")));
            return;
        }
        CircuitBreakers.Permit permit = probe ? null : circuits.permit(integration.id(), now);
        if (permit != null && !permit.allowed()) {
            skip(exchange, List.of());
            db.inTransaction(c -> {
                jobs.retryAt(c, job.id(), permit.waitUntil(), CarrierHealth.WAITING + integration.provider()
                        + " is failing (circuit open)");
                return null;
            });
            return;
        }
        // one request is one send for the rates
        if (!probe && throttle.hold(job, integration, directory.current().numbers().get(b.number()), now) != null) {
            skip(exchange, List.of());
            return;
        }
        int limit = carriers.forProvider(integration.provider()).bulkLimit(integration);
        List<BroadcastStore.Pending> pending = limit <= 0 ? List.of()
                : db.withConnection(c -> broadcasts.pending(c, b.id(), limit));
        if (pending.isEmpty()) {
            skip(exchange, List.of());
            // every contact was taken, or the integration's carrier has no bulk send any more
            List<BroadcastStore.Pending> rest = limit > 0 ? List.of()
                    : db.withConnection(c -> broadcasts.pending(c, b.id(), Integer.MAX_VALUE));
            db.inTransaction(c -> {
                alone(c, b, rest, "the carrier has no bulk send", Instant.now());
                jobs.delete(c, job.id());
                return null;
            });
            return;
        }
        exchange.setProperty(BROADCAST, b);
        exchange.setProperty(PENDING, pending);
        exchange.setProperty(LIMIT, limit);
        exchange.setProperty(RetryRoutePolicy.PROVIDER_TABLE, ProviderName.retryTable(integration.provider()));
        List<OutboundBulk.Recipient> recipients = pending.stream()
                .map(p -> new OutboundBulk.Recipient(p.messageId(), p.contact())).toList();
        exchange.getMessage().setBody(new OutboundBulk(b.id(), integration, b.number(), b.content(), recipients,
                job.attempts()));
    }

    /** Records the carrier's answer (or the failure to reach it) for every contact of the request. */
    @SuppressWarnings("unchecked")
    public void complete(Exchange exchange) {
        Job job = JobExchange.job(exchange);
        BroadcastStore.Broadcast b = exchange.getProperty(BROADCAST, BroadcastStore.Broadcast.class);
        List<BroadcastStore.Pending> pending = exchange.getProperty(PENDING, List.class);
        int limit = exchange.getProperty(LIMIT, Integer.class);
        Object body = exchange.getMessage().getBody();
        BulkResult result = body instanceof BulkResult r ? r : BulkResult.failed((SendResult) body);
        Integration integration = directory.current().integrations().get(b.integrationId());
        String provider = integration == null ? "?" : integration.provider();
        RetryPolicy policy = RetryRoutePolicy.of(exchange, policies.forProvider(provider));
        Instant now = Instant.now();
        boolean more = pending.size() >= limit;
        if (result.isTaken()) {
            exchange.getMessage().setBody(new HandOff(taken(job, b, pending, result.carrierIds(), more, now)));
            return;
        }
        SendResult failure = result.failure();
        Outcome o = failure.failure();
        java.time.Duration retryAfter = health.retryAfter(failure.retryAfter());
        health.failed(policy, o, retryAfter, b.integrationId(), provider, "broadcast " + b.id(), now);
        Instant next = policy.retryAt(o, job.attempts(), b.createdAt(), now, retryAfter);
        List<Job> handOff = new ArrayList<>();
        if (next != null) {
            Instant at = health.retryTime(b.integrationId(), next);
            String why = health.why(b.integrationId(), o.reason());
            db.inTransaction(c -> {
                for (BroadcastStore.Pending p : pending) {
                    messages.setRetrying(c, p.messageId(), p.attempts() + 1, at, o.code(), o.reason(), now);
                }
                jobs.retryAt(c, job.id(), at, why);
                return null;
            });
            LOG.info("Broadcast {}: bulk send of {} contact(s) to {} failed ({}), next attempt at {}", b.id(),
                    pending.size(), provider, o.code(), at);
        } else if (policy.classify(o) == FailureClass.PERMANENT) {
            LOG.warn("Broadcast {}: {} refused the bulk send ({} {}); its {} contact(s) go one by one", b.id(),
                    provider, o.code(), o.reason(), pending.size());
            db.inTransaction(c -> {
                alone(c, b, pending, "the bulk send was refused (" + o.reason() + ")", now);
                next(c, job, more, now);
                return null;
            });
        } else {
            handOff.addAll(db.inTransaction(c -> {
                List<Job> posts = new ArrayList<>();
                for (BroadcastStore.Pending p : pending) {
                    fail(c, p, o, now, posts);
                }
                next(c, job, more, now);
                return posts;
            }));
            LOG.warn("Broadcast {}: {} contact(s) failed at {}: {} {}", b.id(), pending.size(), provider, o.code(),
                    o.reason());
        }
        exchange.getMessage().setBody(new HandOff(handOff));
    }

    private List<Job> taken(Job job, BroadcastStore.Broadcast b, List<BroadcastStore.Pending> pending,
            Map<String, String> carrierIds, boolean more, Instant now) {
        List<Write> writes = new ArrayList<>();
        List<BroadcastStore.Pending> missed = new ArrayList<>();
        for (BroadcastStore.Pending p : pending) {
            String carrierId = carrierIds.get(p.messageId());
            if (carrierId == null) {
                missed.add(p);
            } else {
                writes.addAll(messages.sending(p.messageId(), carrierId, p.attempts() + 1, now));
                metrics.message(b.integrationId(), "outbound", io.smsbridge.flow.metrics.MessageMetrics.Event.SENT);
            }
        }
        boolean closed = circuits.succeeded(b.integrationId());
        int released = db.inTransaction(c -> {
            Sql.updateAll(c, writes);
            if (!missed.isEmpty()) {
                alone(c, b, missed, "the carrier's answer to the bulk send had no id for it", now);
            }
            next(c, job, more, now);
            return closed ? jobs.release(c, b.integrationId(), now) : 0;
        });
        if (closed) {
            LOG.info("Integration {} works again; {} waiting message(s) go out oldest first", b.integrationId(),
                    released);
        }
        // one read for all the ids: a callback that overtook the answer is parked under its id
        return status.applyParkedAll(b.integrationId(), carrierIds.values());
    }

    /** The next chunk: the job comes back at once while contacts may remain, else it is done. */
    private void next(Connection c, Job job, boolean more, Instant now) throws SQLException {
        if (more) {
            jobs.retryAt(c, job.id(), now, "next chunk of the broadcast");
        } else {
            jobs.delete(c, job.id());
        }
    }

    /** Each contact goes as a single send of its own (the poller takes them, oldest first). */
    private void alone(Connection c, BroadcastStore.Broadcast b, List<BroadcastStore.Pending> pending, String why,
            Instant now) throws SQLException {
        for (BroadcastStore.Pending p : pending) {
            messages.event(c, p.messageId(), MessageStatus.QUEUED, why + "; sent alone", now);
            jobs.enqueueSendAt(c, p.messageId(), b.organizationId(), b.integrationId(), now, now);
        }
    }

    private void fail(Connection c, BroadcastStore.Pending p, Outcome o, Instant now, List<Job> posts)
            throws SQLException {
        StoredMessage m = messages.find(c, p.messageId());
        if (m == null) {
            return;
        }
        messages.setAttempts(c, p.messageId(), p.attempts() + 1);
        messages.setStatus(c, p.messageId(), MessageStatus.FAILED, o.code(), o.reason(), now);
        metrics.message(m.integrationId(), "outbound", io.smsbridge.flow.metrics.MessageMetrics.Event.FAILED);
        status.notifyPlatform(c, m, MessageStatus.FAILED, o.code(), o.reason(), now, posts);
    }

    /** Nothing to call: body becomes the platform posts to hand off. */
    private static void skip(Exchange exchange, List<Job> posts) {
        JobExchange.skip(exchange);
        exchange.getMessage().setBody(new HandOff(posts));
    }

    /** Fails every contact the carrier has not taken and ends the job (nothing can send them). */
    private List<Job> failRest(Job job, BroadcastStore.Broadcast b, Outcome o) {
        Instant now = Instant.now();
        List<BroadcastStore.Pending> rest = b == null ? List.of()
                : db.withConnection(c -> broadcasts.pending(c, b.id(), Integer.MAX_VALUE));
        List<Job> posts = db.inTransaction(c -> {
            List<Job> out = new ArrayList<>();
            for (BroadcastStore.Pending p : rest) {
                fail(c, p, o, now, out);
            }
            jobs.delete(c, job.id());
            return out;
        });
        LOG.warn("Broadcast {}: {} contact(s) failed: {}", b == null ? job.messageId() : b.id(), rest.size(),
                o.reason());
        return posts;
    }
}
