package io.smsbridge.flow.jobs;

import io.smsbridge.store.Job;
import io.smsbridge.store.JobStore;
import org.apache.camel.Exchange;

/**
 * How a job travels through its route: the queue delivers the job itself (fast path: already taken
 * in the transaction that created it) or the poller's {@link JobDispatch.Admitted}; whoever takes it sets property
 * {@code claimed} (the routes filter on it) and keeps the job on the exchange.
 */
public final class JobExchange {

    public static final String CLAIMED = "claimed";
    private static final String JOB = "smsBridgeJob";

    private JobExchange() {
    }

    /**
     * Takes the job in the body (a job, or one the poller admitted); null (and claimed=false) when
     * another worker has it.
     */
    public static Job claim(Exchange exchange, JobStore jobs) {
        Object body = exchange.getMessage().getBody();
        Job job = body instanceof Job taken ? jobs.keep(taken)
                : body instanceof JobDispatch.Admitted a ? jobs.claim(a.id())
                : jobs.claim(exchange.getMessage().getBody(Long.class));
        exchange.setProperty(CLAIMED, job != null);
        exchange.setProperty(JOB, job);
        return job;
    }

    /** Marks the job as not to be processed by the rest of the route. */
    public static void skip(Exchange exchange) {
        exchange.setProperty(CLAIMED, false);
    }

    public static Job job(Exchange exchange) {
        return exchange.getProperty(JOB, Job.class);
    }
}
