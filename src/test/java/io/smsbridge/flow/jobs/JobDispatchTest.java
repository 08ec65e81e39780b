package io.smsbridge.flow.jobs;

import io.smsbridge.core.retry.CircuitBreakers;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The poller's gate over one batch of due jobs: order kept per carrier, one probe for a paused one. */
class JobDispatchTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    final CircuitBreakers circuits = new CircuitBreakers(1, Duration.ofSeconds(10), Duration.ofSeconds(30));
    final List<Long> reserved = new ArrayList<>();

    static Map<String, Object> row(long id, String integration) {
        Map<String, Object> r = new HashMap<>();
        r.put("id", id);
        r.put("kind", integration == null ? "platform-post" : "carrier-send");
        r.put("integration_id", integration);
        return r;
    }

    JobDispatch dispatch(LongPredicate reserve) {
        return new JobDispatch(ids -> {
            reserved.addAll(ids);
            return ids.stream().filter(reserve::test).collect(java.util.stream.Collectors.toSet());
        }, circuits);
    }

    @Test
    void aClosedCircuitAdmitsTheWholeBatchInOrder() {
        var admitted = dispatch(id -> true).admit(List.of(row(1, "a"), row(2, null), row(3, "a")), T0);

        assertThat(admitted).containsExactly(new JobDispatch.Admitted(1, "carrier-send", false),
                new JobDispatch.Admitted(2, "platform-post", false), new JobDispatch.Admitted(3, "carrier-send", false));
    }

    @Test
    void aPausedCarrierSendsOneProbeAndKeepsTheRestInTheTable() {
        circuits.failed("a", T0);

        var admitted = dispatch(id -> true).admit(List.of(row(1, "a"), row(2, "b"), row(3, "a")),
                T0.plusSeconds(10));

        assertThat(admitted).containsExactly(new JobDispatch.Admitted(1, "carrier-send", true),
                new JobDispatch.Admitted(2, "carrier-send", false));
        assertThat(reserved).containsExactly(1L, 2L); // job 3 was not even reserved
    }

    @Test
    void aCarrierBackInTheMiddleOfABatchDoesNotLetYoungerSendsOvertakeTheHeldOnes() {
        circuits.failed("a", T0);
        // the fast path's probe succeeds while the batch is judged (here: when job 2 is reserved)
        var admitted = dispatch(id -> {
            if (id == 2) {
                circuits.succeeded("a");
            }
            return true;
        }).admit(List.of(row(1, "a"), row(2, "b"), row(3, "a"), row(4, "b")), T0.plusSeconds(5));

        assertThat(admitted).extracting(JobDispatch.Admitted::id).containsExactly(2L, 4L);
        assertThat(circuits.permit("a", T0.plusSeconds(5)).allowed()).isTrue(); // next poll: 1 and 3, in order
    }

    @Test
    void theBatchGoesOnAsBodiesThatNameTheirQueueAndTheProbe() {
        circuits.failed("a", Instant.now()); // the exchange form reads the clock
        Exchange poll = new DefaultExchange(new DefaultCamelContext());
        poll.getMessage().setBody(List.of(row(7, "b"), row(8, "a")));

        dispatch(id -> true).admit(poll);

        assertThat(List.<Object>copyOf(poll.getMessage().getBody(HandOff.class).jobs()))
                .containsExactly(new JobDispatch.Admitted(7, "carrier-send", false)); // "a" is paused
    }

    @Test
    void aJobAnotherInstanceReservedIsLeftToIt() {
        var admitted = dispatch(id -> id != 2).admit(List.of(row(1, "a"), row(2, "a"), row(3, "a")), T0);

        assertThat(admitted).extracting(JobDispatch.Admitted::id).containsExactly(1L, 3L);
    }
}
