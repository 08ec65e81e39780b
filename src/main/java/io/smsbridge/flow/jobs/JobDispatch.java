package io.smsbridge.flow.jobs;

import io.smsbridge.store.JobStore;
import io.smsbridge.store.db.Database;
import io.smsbridge.core.retry.CircuitBreakers;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The poller's gate: a due job goes to its queue only if its carrier is not paused (circuit open) and
 * this instance could reserve it. While a carrier is paused exactly one of its sends, the probe, is
 * let through; the rest stay in the table and, once the carrier is back, leave it oldest first.
 */
public final class JobDispatch {

    /** A job reserved for this instance's queue {@code queue}; {@code probe}: the one send to a paused carrier. */
    public record Admitted(long id, String queue, boolean probe) {
    }

    private final Function<List<Long>, Set<Long>> reserve;
    private final CircuitBreakers circuits;

    public JobDispatch(JobStore jobs, CircuitBreakers circuits) {
        this(jobs::handOverAll, circuits);
    }

    JobDispatch(Function<List<Long>, Set<Long>> reserve, CircuitBreakers circuits) {
        this.reserve = reserve;
        this.circuits = circuits;
    }

    /**
     * Body: the due rows {id, kind, integration_id}, oldest first. Body becomes the {@link HandOff} of
     * admitted jobs, in the same order. Once a carrier's send is held back, its later sends in the batch are too: the
     * probe may succeed while the batch is judged, and the younger sends must not overtake the held
     * ones (they all leave together, oldest first, at the next poll).
     */
    @SuppressWarnings("unchecked")
    public void admit(Exchange exchange) {
        Message msg = exchange.getMessage();
        List<Map<String, Object>> rows = msg.getBody(List.class);
        Integer batch = msg.getHeader("batch", Integer.class);
        msg.setBody(new HandOff(admit(rows == null ? List.of() : rows, Instant.now(),
                batch == null ? Integer.MAX_VALUE : batch)));
    }

    List<Admitted> admit(List<Map<String, Object>> rows, Instant now) {
        return admit(rows, now, Integer.MAX_VALUE);
    }

    /** {@code maxBatch}: the most rows a poll returns (a full poll may have left older sends behind). */
    List<Admitted> admit(List<Map<String, Object>> rows, Instant now, int maxBatch) {
        List<Admitted> candidates = new ArrayList<>(rows.size());
        Set<String> heldBack = new HashSet<>();
        Set<String> olderLeft = new HashSet<>();
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
                Instant since = circuits.drainingSince(integration);
                Object created = row.get("created_at");
                if (since != null && created != null && !Database.instant(created).isAfter(since)) {
                    olderLeft.add(integration);
                }
            }
            candidates.add(new Admitted(id, (String) row.get("kind"), probe));
        }
        // a circuit that closed hands its backlog over through this poll: once a poll that is not full
        // finds none of the sends that waited, new sends take the fast path again
        if (rows.size() < maxBatch) {
            for (String integration : circuits.draining()) {
                if (!olderLeft.contains(integration)) {
                    circuits.drained(integration);
                }
            }
        }
        Set<Long> reserved = reserve.apply(candidates.stream().map(Admitted::id).toList());
        return candidates.stream().filter(a -> reserved.contains(a.id())).toList();
    }

}
