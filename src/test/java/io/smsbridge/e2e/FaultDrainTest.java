package io.smsbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.smsbridge.e2e.Fixtures.API_KEY;
import static io.smsbridge.e2e.Fixtures.DIDWW_TOKEN;
import static io.smsbridge.e2e.Fixtures.DIRECTORY;
import static io.smsbridge.e2e.Fixtures.STICKY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Under steady load (20 messages a second), a fault for three seconds, then recovery: every accepted
 * message gets through, the backlog drains within 60 s of recovery, and in order (no message
 * overtaken by a younger one by more than the senders' parallelism allows). Each test prints its
 * drain time. The kill -9 case is KillRecoveryIT, which runs the fat jar.
 */
class FaultDrainTest {

    static final String DIDWW = "/didww/outbound_messages";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration FAULT = Duration.ofSeconds(3);
    static final Duration OVERTAKE = Duration.ofSeconds(2);
    TestBridge bridge;

    @BeforeEach
    void start() throws Exception {
        bridge = TestBridge.start(DIRECTORY, Map.of(
                "camel.component.http.response-timeout", "2000",
                "camel.component.http.so-timeout", "2000",
                "retry.didww.backoff", "200ms",
                "retry.didww.max-backoff", "1s",
                "circuit.failure-threshold", "3",
                "circuit.open-for", "500ms",
                "circuit.max-open-for", "2s",
                "sender.concurrency", "8"));
        bridge.mock.stubFor(post("/platform/acme").atPriority(5).willReturn(aResponse().withStatus(200)));
        bridge.mock.stubFor(post(DIDWW).atPriority(5).willReturn(created()));
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201)
                .withBody("{\"data\":{\"type\":\"outbound_messages\",\"id\":\"{{randomValue type='UUID'}}\"}}")
                .withTransformers("response-template");
    }

    @Test
    void aCarrierThatIsDown() throws Exception {
        outbound("carrier down", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    }

    @Test
    void aCarrierThatAnswers429() throws Exception {
        outbound("carrier 429", aResponse().withStatus(429).withHeader("Retry-After", "1"));
    }

    @Test
    void aSlowCarrier() throws Exception {
        // 1.5 s an answer (the bridge waits 2 s): eight senders take 5 a second of the 20 offered
        outbound("slow carrier", created().withFixedDelay(1500));
    }

    @Test
    void aPlatformThatIsDown() throws Exception {
        Drain d = underLoad(this::inbound, () -> bridge.mock.stubFor(post("/platform/acme").atPriority(1)
                .willReturn(aResponse().withStatus(503))), "/platform/acme", 200,
                body -> body.at("/params/content").asText());
        d.check("platform down");
    }

    void outbound(String name, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder fault)
            throws Exception {
        Drain d = underLoad(this::outbound, () -> bridge.mock.stubFor(post(DIDWW).atPriority(1).willReturn(fault)),
                DIDWW, 201, body -> body.at("/data/attributes/content").asText());
        d.check(name);
    }

    /**
     * Load at 20/s for 1.5 s, the fault for {@link #FAULT}, recovery, 1.5 s more load; then waits until
     * every accepted message reached {@code path} with {@code okStatus}.
     */
    Drain underLoad(Function<Integer, Boolean> send, Runnable fault, String path, int okStatus,
            Function<JsonNode, String> key) throws Exception {
        Map<String, Instant> accepted = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newSingleThreadExecutor();
        load.submit(() -> {
            for (int n = 0; running.get(); n++) {
                Instant at = Instant.now();
                if (send.apply(n)) {
                    accepted.put(text(n), at);
                }
                Thread.sleep(Math.max(0, 50 - Duration.between(at, Instant.now()).toMillis()));
            }
            return null;
        });
        Thread.sleep(1500);
        fault.run();
        Thread.sleep(FAULT.toMillis());
        StubMapping faultStub = bridge.mock.getStubMappings().stream().filter(s -> s.getPriority() != null
                && s.getPriority() == 1).findFirst().orElseThrow();
        bridge.mock.removeStub(faultStub);
        Instant recovered = Instant.now();
        Thread.sleep(1500);
        running.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> firstSuccess(path, okStatus, key).keySet().containsAll(accepted.keySet()));
        return new Drain(accepted, firstSuccess(path, okStatus, key), recovered);
    }

    static String text(int n) {
        return String.format("drain-%05d", n);
    }

    boolean outbound(int n) {
        TestBridge.Response r = bridge.postJson("/api/v1/messages", """
                {"from":"%s","to":"+4670%07d","extension":"101","content":"%s"}""".formatted(STICKY, n, text(n)),
                "Authorization", "Bearer " + API_KEY);
        return r.status() == 202;
    }

    boolean inbound(int n) {
        TestBridge.Response r = bridge.postJson("/webhooks/acme-didww?token=" + DIDWW_TOKEN, """
                {"uuid":"drain-%d-%d","src_addr":"4671%07d","dst_addr":"19179056077","text_b64":"%s"}"""
                .formatted(System.identityHashCode(this), n, n, java.util.Base64.getEncoder()
                        .encodeToString(text(n).getBytes())));
        return r.status() == 200;
    }

    /** Each text's first request to {@code path} that was answered {@code okStatus}, with its time. */
    Map<String, Instant> firstSuccess(String path, int okStatus, Function<JsonNode, String> key) throws Exception {
        Map<String, Instant> out = new HashMap<>();
        for (ServeEvent e : bridge.mock.getAllServeEvents()) {
            if (!e.getRequest().getUrl().equals(path) || e.getResponse().getStatus() != okStatus) {
                continue;
            }
            // the carrier took it when it answered: a slow answer counts at its end (none yet: not through)
            if (e.getTiming() == null || e.getTiming().getTotalTime() == null) {
                continue;
            }
            Instant at = e.getRequest().getLoggedDate().toInstant().plusMillis(Math.max(0, e.getTiming().getTotalTime()));
            out.merge(key.apply(JSON.readTree(e.getRequest().getBodyAsString())), at,
                    (a, b) -> a.isBefore(b) ? a : b);
        }
        return out;
    }

    record Drain(Map<String, Instant> accepted, Map<String, Instant> through, Instant recovered) {

        void check(String name) {
            // the backlog: what was accepted before the recovery; drained when the last of it is through
            Instant last = accepted.keySet().stream().filter(t -> accepted.get(t).isBefore(recovered))
                    .map(through::get).max(Instant::compareTo).orElseThrow();
            Duration drain = Duration.between(recovered, last);
            // in acceptance order (the texts are numbered): how far a message was overtaken by a younger one
            List<String> order = new ArrayList<>(accepted.keySet());
            order.sort(String::compareTo);
            Duration worst = Duration.ZERO;
            Instant latestOlder = Instant.MIN;
            for (String t : order) {
                Instant at = through.get(t);
                if (latestOlder.isAfter(at) && Duration.between(at, latestOlder).compareTo(worst) > 0) {
                    worst = Duration.between(at, latestOlder);
                }
                latestOlder = latestOlder.isAfter(at) ? latestOlder : at;
            }
            long backlog = accepted.keySet().stream().filter(t -> through.get(t).isAfter(recovered)
                    && accepted.get(t).isBefore(recovered)).count();
            System.out.printf("fault drain (%s, %s): %d accepted, all through; backlog at recovery %d, drained %d ms"
                    + " after recovery (load going on); worst overtaking %d ms%n", name, TestDatabases.KIND, accepted.size(), backlog,
                    drain.toMillis(), worst.toMillis());
            assertThat(backlog).as("the fault held messages back").isPositive();
            assertThat(drain).as("drained within 60 s of recovery").isLessThan(Duration.ofSeconds(60));
            assertThat(worst).as("in order: overtaken by a younger message by at most " + OVERTAKE)
                    .isLessThanOrEqualTo(OVERTAKE);
        }
    }
}
