package io.smsbridge.flow.platform;

import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Write;
import io.smsbridge.store.directory.DirectoryService;
import io.smsbridge.core.directory.Organization;
import io.smsbridge.store.Job;
import io.smsbridge.flow.jobs.JobExchange;
import io.smsbridge.store.JobStore;
import io.smsbridge.core.message.MessageStatus;
import io.smsbridge.store.MessageStore;
import io.smsbridge.core.retry.Outcome;
import io.smsbridge.core.retry.RetryAfter;
import io.smsbridge.core.retry.RetryPolicies;
import io.smsbridge.flow.jobs.RetryRoutePolicy;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpMethods;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform-post job around the HTTP call: takes the job, prepares the request to the
 * organization's webhook, and records the answer. Any 2xx is success; anything else is retried by
 * the {@code platform} retry table until its maximum age.
 */
public final class PlatformDelivery {

    public static final String POLICY = "platform";
    private static final Logger LOG = LoggerFactory.getLogger(PlatformDelivery.class);

    private final io.smsbridge.flow.metrics.MessageMetrics metrics;
    private final Database db;
    private final DirectoryService directory;
    private final MessageStore messages;
    private final JobStore jobs;
    private final RetryPolicies policies;

    public PlatformDelivery(Database db, DirectoryService directory, MessageStore messages, JobStore jobs,
            RetryPolicies policies, io.smsbridge.flow.metrics.MessageMetrics metrics) {
        this.metrics = metrics;
        this.db = db;
        this.directory = directory;
        this.messages = messages;
        this.jobs = jobs;
        this.policies = policies;
    }

    /** Takes the job whose id is the body; sets property {@code claimed} and the HTTP request. */
    public void prepare(Exchange exchange) {
        io.smsbridge.flow.logs.LogContext.clear();
        Job job = JobExchange.claim(exchange, jobs);
        if (job == null) {
            return;
        }
        // a post's job knows its message and organization, not the carrier integration
        io.smsbridge.flow.logs.LogContext.message(job.messageId(), null, job.organizationId());
        Organization org = directory.current().organizations().get(job.organizationId());
        if (org == null || org.webhookUrl() == null) {
            JobExchange.skip(exchange);
            db.inTransaction(c -> {
                jobs.bury(c, job.id(), "organization " + job.organizationId() + " has no platform webhook any more");
                return null;
            });
            return;
        }
        var msg = exchange.getMessage();
        msg.removeHeaders("*");
        org.webhookHeaders().forEach(msg::setHeader);
        // the enum itself: a String would go through a slow type-converter lookup on every call
        msg.setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
        msg.setHeader(Exchange.HTTP_URI, org.webhookUrl());
        msg.setHeader(Exchange.CONTENT_TYPE, "application/json");
        // the same on every attempt of this event: a platform can drop a repeat after a crash
        msg.setHeader("Idempotency-Key", "sms-bridge-" + job.id());
        msg.setBody(job.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The platform answered. */
    public void answered(Exchange exchange) {
        int code = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (code >= 200 && code < 300) {
            succeeded(JobExchange.job(exchange));
        } else {
            failed(exchange, Outcome.http(code, null, "platform answered HTTP " + code), retryAfter(exchange));
        }
    }

    /** The platform could not be reached. */
    public void unreachable(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        failed(exchange, Outcome.io(e), null);
    }

    private void succeeded(Job job) {
        Instant now = Instant.now();
        List<Write> writes = new ArrayList<>(3);
        writes.add(jobs.deleteWrite(job.id()));
        if (job.messageId() != null) {
            // an inbound message moves on; an outbound one's delivered / failed post changes nothing
            writes.addAll(messages.advance(job.messageId(), MessageStatus.RECEIVED,
                    MessageStatus.DELIVERED_TO_PLATFORM, now));
        }
        // nothing here is read back: sent with the other finished posts of the same commit
        db.writeAll(writes);
        metrics.platformPost(job.organizationId(), "ok");
    }

    private void failed(Exchange exchange, Outcome outcome, Duration retryAfter) {
        Job job = JobExchange.job(exchange);
        Instant next = RetryRoutePolicy.of(exchange, policies.get(POLICY)).retryAt(outcome, job.attempts(),
                job.createdAt(), Instant.now(), retryAfter);
        db.inTransaction(c -> {
            if (next != null) {
                jobs.retryAt(c, job.id(), next, outcome.reason());
            } else {
                jobs.bury(c, job.id(), outcome.reason());
            }
            return null;
        });
        metrics.platformPost(job.organizationId(), next != null ? "retry" : "given-up");
        if (next != null) {
            LOG.info("Platform post for message {} failed ({}), attempt {}; next at {}", job.messageId(),
                    outcome.reason(), job.attempts(), next);
        } else {
            LOG.error("Platform post for message {} given up after {} attempt(s): {}", job.messageId(),
                    job.attempts(), outcome.reason());
        }
    }

    private static Duration retryAfter(Exchange exchange) {
        return RetryAfter.parse(exchange.getMessage().getHeader("Retry-After", String.class), Instant.now());
    }
}
