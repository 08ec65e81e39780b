package io.smsbridge.jobs;

import io.smsbridge.retry.CircuitBreakers;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.time.Instant;
import java.util.Map;

/**
 * The poller's gate: a due job goes to its queue only if its carrier is not paused (circuit open) and
 * this instance could reserve it. While a carrier is paused exactly one of its sends, the probe, is
 * let through; the rest stay in the table and, once the carrier is back, leave it oldest first.
 */
public final class JobDispatch {

    /** Header marking the send that probes a paused carrier. */
    public static final String PROBE_HEADER = "SmsBridgeProbe";

    private final JobStore jobs;
    private final CircuitBreakers circuits;

    public JobDispatch(JobStore jobs, CircuitBreakers circuits) {
        this.jobs = jobs;
        this.circuits = circuits;
    }

    /** Body: a due row {id, kind, integration_id}. Sets body = job id, headers queue and admitted. */
    @SuppressWarnings("unchecked")
    public void admit(Exchange exchange) {
        Message msg = exchange.getMessage();
        Map<String, Object> row = msg.getBody(Map.class);
        long id = ((Number) row.get("id")).longValue();
        String integration = (String) row.get("integration_id");
        msg.setHeader("queue", row.get("kind"));
        msg.setBody(id);
        msg.setHeader("admitted", false);
        boolean probe = false;
        if (integration != null) {
            CircuitBreakers.Permit permit = circuits.permit(integration, Instant.now());
            if (!permit.allowed()) {
                return;
            }
            probe = permit.probe();
        }
        if (jobs.handOver(id)) {
            msg.setHeader("admitted", true);
            msg.setHeader(PROBE_HEADER, probe);
        }
    }
}
