package io.smsbridge.jobs;

import org.apache.camel.Exchange;

/**
 * How a job travels through its route: the queue delivers its id as the body; whoever takes it
 * sets property {@code claimed} (the routes filter on it) and keeps the job on the exchange.
 */
public final class JobExchange {

    public static final String CLAIMED = "claimed";
    private static final String JOB = "smsBridgeJob";

    private JobExchange() {
    }

    /** Takes the job whose id is the body; null (and claimed=false) when another worker has it. */
    public static Job claim(Exchange exchange, JobStore jobs) {
        Job job = jobs.claim(exchange.getMessage().getBody(Long.class));
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
