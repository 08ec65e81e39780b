package io.smsbridge.flow.jobs;

import io.smsbridge.store.JobStore;
import io.smsbridge.core.retry.CircuitBreakers;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * The poller's gate: a due job goes to its queue only if its carrier is not paused (circuit open) and
 * this instance could reserve it. While a carrier is paused exactly one of its sends, the probe, is
 * let through; the rest stay in the table and, once the carrier is back, leave it oldest first.
 */
public final class JobDispatch {

    /** Header marking the send that probes a paused carrier. */
    public static final String PROBE_HEADER = "SmsBridgeProbe";

    /** A job reserved for this instance's queue {@code queue}. */
    public record Admitted(long id, String queue, boolean probe) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(JobDispatch.class);

    private final LongPredicate reserve;
    private final CircuitBreakers circuits;
    private volatile boolean oldRouteNoticed;

    public JobDispatch(JobStore jobs, CircuitBreakers circuits) {
        this(jobs::handOver, circuits);
    }

    JobDispatch(LongPredicate reserve, CircuitBreakers circuits) {
        this.reserve = reserve;
        this.circuits = circuits;
    }

    /**
     * Body: the due rows {id, kind, integration_id}, oldest first. Body becomes the admitted jobs, in
     * the same order. Once a carrier's send is held back, its later sends in the batch are too: the
     * probe may succeed while the batch is judged, and the younger sends must not overtake the held
     * ones (they all leave together, oldest first, at the next poll).
     */
    @SuppressWarnings("unchecked")
    public void admit(Exchange exchange) {
        Message msg = exchange.getMessage();
        if (msg.getBody() instanceof Map<?, ?> row) {
            admitOne(msg, (Map<String, Object>) row);
            return;
        }
        List<Map<String, Object>> rows = msg.getBody(List.class);
        msg.setBody(admit(rows == null ? List.of() : rows, Instant.now()));
    }

    /**
     * A jobs-poll route copied from an earlier release calls admit once per row inside its split and
     * reads headers: it keeps working, without the batch's ordering rule, and is told once to update.
     */
    private void admitOne(Message msg, Map<String, Object> row) {
        if (!oldRouteNoticed) {
            oldRouteNoticed = true;
            LOG.warn("The jobs-poll route calls jobDispatch.admit once per job, as earlier route files did; a paused"
                    + " carrier's backlog may then leave slightly out of order. Update your copy of jobs.camel.yaml"
                    + " from the shipped routes/jobs.camel.yaml (admit the batch, then toQueue per job)");
        }
        List<Admitted> admitted = admit(List.of(row), Instant.now());
        msg.setHeader("admitted", !admitted.isEmpty());
        // a job held back stays in the table; the old route reads "admitted" and leaves it there
        route(msg, admitted.isEmpty()
                ? new Admitted(((Number) row.get("id")).longValue(), (String) row.get("kind"), false)
                : admitted.get(0));
    }

    List<Admitted> admit(List<Map<String, Object>> rows, Instant now) {
        List<Admitted> admitted = new ArrayList<>(rows.size());
        Set<String> heldBack = new HashSet<>();
        for (Map<String, Object> row : rows) {
            long id = ((Number) row.get("id")).longValue();
            String integration = (String) row.get("integration_id");
            boolean probe = false;
            if (integration != null) {
                if (heldBack.contains(integration)) {
                    continue;
                }
                CircuitBreakers.Permit permit = circuits.permit(integration, now);
                if (!permit.allowed()) {
                    heldBack.add(integration);
                    continue;
                }
                probe = permit.probe();
            }
            if (reserve.test(id)) {
                admitted.add(new Admitted(id, (String) row.get("kind"), probe));
            }
        }
        return admitted;
    }

    /** Body: one {@link Admitted}. Body becomes its job id, with the headers its queue's route reads. */
    public void toQueue(Exchange exchange) {
        Message msg = exchange.getMessage();
        route(msg, msg.getBody(Admitted.class));
    }

    private static void route(Message msg, Admitted job) {
        msg.setHeader("queue", job.queue());
        msg.setHeader(PROBE_HEADER, job.probe());
        msg.setBody(job.id());
    }
}
