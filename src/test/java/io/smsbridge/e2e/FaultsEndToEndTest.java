package io.smsbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.smsbridge.e2e.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Carrier and platform faults: every scenario ends with the message delivered once, or failed with a reason. */
class FaultsEndToEndTest {

    static final String DIDWW = "/didww/outbound_messages";
    TestBridge bridge;

    @BeforeEach
    void start() throws Exception {
        bridge = TestBridge.start(DIRECTORY, Map.of(
                "camel.component.http.response-timeout", "1000",
                "camel.component.http.so-timeout", "1000",
                "retry.didww.backoff", "200ms",
                "retry.didww.max-backoff", "400ms",
                "circuit.failure-threshold", "3",
                "circuit.open-for", "1s",
                "circuit.max-open-for", "2s",
                "sender.concurrency", "4",
                "status.parked-sweep-interval", "500"));
        bridge.mock.stubFor(post("/platform/acme").willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    static StubMapping created() {
        return post(DIDWW).atPriority(5).willReturn(aResponse().withStatus(201)
                .withBody("{\"data\":{\"type\":\"outbound_messages\",\"id\":\"{{randomValue type='UUID'}}\"}}")
                .withTransformers("response-template")).build();
    }

    String send(String to) {
        TestBridge.Response r = bridge.postJson("/api/v1/messages", """
                {"from":"%s","to":"%s","extension":"101","content":"fault test"}""".formatted(STICKY, to),
                "Authorization", "Bearer " + API_KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().at("/data/id").asText();
    }

    List<LoggedRequest> requestsTo(String contact) {
        return bridge.mock.findAll(postRequestedFor(urlEqualTo(DIDWW)).withRequestBody(containing(contact.substring(1))));
    }

    void callback(String carrierId, String status, String code) {
        TestBridge.Response r = bridge.postJson("/webhooks/acme-didww?token=" + DIDWW_TOKEN, """
                {"data":{"type":"outbound_message_callbacks","id":"%s","attributes":{"status":"%s","code_id":%s}}}"""
                .formatted(carrierId, status, code == null ? "null" : code));
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void serverErrorThenCreated() {
        bridge.mock.stubFor(post(DIDWW).atPriority(1).inScenario("5xx").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        bridge.mock.addStubMapping(created());
        String id = send(contact());
        await().until(() -> bridge.message(id).get("status").asText().equals("sending"));
        JsonNode m = bridge.message(id);
        assertThat(m.get("attempts").asInt()).isEqualTo(2);
        assertThat(m.get("history").findValuesAsText("status")).containsSubsequence("queued", "retrying", "sending");
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() {
        bridge.mock.stubFor(post(DIDWW).atPriority(1).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("ok"));
        bridge.mock.addStubMapping(created());
        String c = contact();
        String id = send(c);
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.message(id).get("status").asText().equals("sending"));
        List<LoggedRequest> tries = requestsTo(c);
        assertThat(tries).hasSize(2);
        Duration gap = Duration.between(tries.get(0).getLoggedDate().toInstant(), tries.get(1).getLoggedDate().toInstant());
        assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void aTimeoutIsRetried() {
        bridge.mock.stubFor(post(DIDWW).atPriority(1).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(201).withFixedDelay(2500)
                        .withBody("{\"data\":{\"id\":\"too-late\"}}")).willSetStateTo("ok"));
        bridge.mock.addStubMapping(created());
        String id = send(contact());
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.message(id).get("status").asText().equals("sending"));
        JsonNode m = bridge.message(id);
        assertThat(m.get("provider_message_id").asText()).isNotEqualTo("too-late");
        assertThat(m.get("history").toString()).contains("io.timeout");
    }

    @Test
    void connectionRefusedIsRetriedAndPausesTheCarrier() throws Exception {
        int closed = org.apache.camel.test.AvailablePortFinder.getNextAvailable();
        java.nio.file.Path file = bridge.workDir().resolve("directory.yaml");
        String yaml = java.nio.file.Files.readString(file);
        java.nio.file.Files.writeString(file, yaml.replaceFirst("base-url: http://[^/]+/didww",
                "base-url: http://127.0.0.1:" + closed + "/didww"));
        Thread.sleep(1200); // the directory is reloaded
        String id = send(contact());
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.message(id).get("attempts").asInt() >= 3);
        JsonNode m = bridge.message(id);
        assertThat(m.get("status").asText()).isEqualTo("retrying");
        assertThat(m.get("error_code").asText()).isEqualTo("io.connect");

        java.nio.file.Files.writeString(file, yaml); // the carrier is reachable again
        bridge.mock.addStubMapping(created());
        await().atMost(Duration.ofSeconds(15)).until(() -> bridge.message(id).get("status").asText().equals("sending"));
    }

    @Test
    void callbackCode4SendsAgainAndOnlyTheFinalSuccessReachesThePlatform() {
        bridge.mock.addStubMapping(created());
        String c = contact();
        String id = send(c);
        await().until(() -> !bridge.message(id).get("provider_message_id").isNull());
        String first = bridge.message(id).get("provider_message_id").asText();
        callback(first, "Failed", "4");
        await().until(() -> requestsTo(c).size() == 2);
        await().until(() -> !bridge.message(id).get("provider_message_id").asText().equals(first));
        String second = bridge.message(id).get("provider_message_id").asText();
        callback(second, "Success", null);
        await().until(() -> bridge.eventsAbout(id).size() == 1);
        assertThat(bridge.eventsAbout(id).get(0).get("method").asText()).isEqualTo("delivered");
        JsonNode m = bridge.message(id);
        assertThat(m.get("status").asText()).isEqualTo("sent");
        assertThat(m.get("attempts").asInt()).isEqualTo(2);
        assertThat(m.get("history").findValuesAsText("status")).containsSubsequence("sending", "retrying", "sending",
                "sent");
    }

    @Test
    void aPermanentCallbackCodeFailsAtOnce() {
        bridge.mock.addStubMapping(created());
        String c = contact();
        String id = send(c);
        await().until(() -> !bridge.message(id).get("provider_message_id").isNull());
        callback(bridge.message(id).get("provider_message_id").asText(), "Failed", "9");
        await().until(() -> bridge.eventsAbout(id).size() == 1);
        assertThat(bridge.eventsAbout(id).get(0).at("/params/reason").asText())
                .isEqualTo("SMS destination address is not allowed");
        assertThat(requestsTo(c)).hasSize(1);
    }

    @Test
    void aRestartInTheMiddleOfARetryKeepsTheSchedule() throws Exception {
        bridge.stopBridge();
        bridge.startBridge();
        // long back-off, so the schedule is visible across the restart
        bridge.mock.stubFor(post(DIDWW).atPriority(1).willReturn(aResponse().withStatus(503)));
        String c = contact();
        String id = send(c);
        await().until(() -> bridge.message(id).get("status").asText().equals("retrying"));
        Instant due = Instant.parse(bridge.message(id).get("next_attempt_at").asText());
        bridge.stopBridge();
        bridge.mock.resetMappings();
        bridge.mock.stubFor(post("/platform/acme").willReturn(aResponse().withStatus(200)));
        bridge.mock.addStubMapping(created());
        bridge.startBridge();
        await().atMost(Duration.ofSeconds(10)).until(() -> requestsTo(c).size() == 2);
        Instant retried = requestsTo(c).get(1).getLoggedDate().toInstant();
        assertThat(retried).isAfterOrEqualTo(due.minusMillis(50));
        await().until(() -> bridge.message(id).get("status").asText().equals("sending"));
    }

    Instant sendingTime(String id) {
        for (JsonNode e : bridge.message(id).get("history")) {
            if (e.get("status").asText().equals("sending")) {
                return Instant.parse(e.get("at").asText());
            }
        }
        throw new AssertionError("message " + id + " was never sent");
    }

    @Test
    void aParkedReportWhoseLookWasMissedIsAppliedByTheSweep() {
        bridge.mock.addStubMapping(created());
        String id = send(contact());
        await().until(() -> bridge.message(id).get("status").asText().equals("sending"));
        String carrierId = bridge.carrierId(id);
        // what a report that overtook the carrier's answer leaves when the process stopped, or the
        // database went away, between the send's commit and its look for parked reports
        bridge.parkSentReport("acme-didww", carrierId);

        // nobody looks again: the timer does
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.eventsAbout(id).size() == 1);
        assertThat(bridge.eventsAbout(id).get(0).get("method").asText()).isEqualTo("delivered");
        assertThat(bridge.message(id).get("status").asText()).isEqualTo("sent");
        assertThat(bridge.hasParked("acme-didww", carrierId)).isFalse();
    }

    @Test
    void aRetryAfterLongerThanTheCircuitsPauseIsHonouredForTheProbeToo() throws Exception {
        // two 503s, then a 429 asking for 2 s: that third failure opens the circuit, for 1 s here
        bridge.mock.stubFor(post(DIDWW).atPriority(1).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("2"));
        bridge.mock.stubFor(post(DIDWW).atPriority(1).inScenario("429").whenScenarioStateIs("2")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("3"));
        bridge.mock.stubFor(post(DIDWW).atPriority(1).inScenario("429").whenScenarioStateIs("3")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("open"));
        bridge.mock.addStubMapping(created());
        String c = contact();
        String id = send(c);
        await().atMost(Duration.ofSeconds(15)).until(() -> bridge.message(id).get("status").asText().equals("sending"));
        List<LoggedRequest> tries = requestsTo(c.substring(1));
        assertThat(tries).hasSize(4);
        // the probe after the 429 waited for the carrier's 2 s, not the circuit's 1 s
        long waitedMs = tries.get(3).getLoggedDate().getTime() - tries.get(2).getLoggedDate().getTime();
        assertThat(waitedMs).isBetween(1900L, 6000L);
    }

    @Test
    void aRetryAfterOfAYearWaitsTheLongestPauseAndDoesNotEndTheMessage() {
        bridge.mock.stubFor(post(DIDWW).atPriority(1).inScenario("year").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "31536000")).willSetStateTo("ok"));
        bridge.mock.addStubMapping(created());
        String c = contact();
        String id = send(c);
        await().atMost(Duration.ofSeconds(15)).until(() -> bridge.message(id).get("status").asText().equals("sending"));
        List<LoggedRequest> tries = requestsTo(c.substring(1));
        assertThat(tries).hasSize(2);
        // capped at circuit.max-open-for (2 s here)
        long waitedMs = tries.get(1).getLoggedDate().getTime() - tries.get(0).getLoggedDate().getTime();
        assertThat(waitedMs).isBetween(1900L, 6000L);
    }

    @Test
    void aRetryAfterThatIsNotATimeIsIgnoredAndThe429RetriedByTheTable() {
        bridge.mock.stubFor(post(DIDWW).atPriority(1).inScenario("garbage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "soon, maybe")).willSetStateTo("ok"));
        bridge.mock.addStubMapping(created());
        String c = contact();
        String id = send(c);
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.message(id).get("status").asText().equals("sending"));
        List<LoggedRequest> tries = requestsTo(c.substring(1));
        assertThat(tries).hasSize(2);
        // the table's back-off (200 ms here), not a pause
        long waitedMs = tries.get(1).getLoggedDate().getTime() - tries.get(0).getLoggedDate().getTime();
        assertThat(waitedMs).isLessThan(1900L);
        assertThat(bridge.message(id).get("history").findValuesAsText("status")).contains("retrying");
    }

    @Test
    void whenTheCarrierIsBackTheHeldBacklogGoesBeforeNewSends() throws Exception {
        bridge.mock.stubFor(post(DIDWW).atPriority(1).willReturn(aResponse().withStatus(503)));
        bridge.mock.addStubMapping(created());
        List<String> held = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            held.add(send(contact()));
        }
        Thread.sleep(1500);
        bridge.mock.removeStub(bridge.mock.listAllStubMappings().getMappings().stream()
                .filter(s -> s.getPriority() != null && s.getPriority() == 1).findFirst().orElseThrow());
        // new sends keep arriving while the carrier comes back
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fresh.add(send(contact()));
            Thread.sleep(50);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> java.util.stream.Stream.concat(held.stream(), fresh.stream())
                .allMatch(id -> bridge.message(id).get("status").asText().equals("sending")));
        Instant lastHeld = held.stream().map(this::sendingTime).max(Instant::compareTo).orElseThrow();
        Instant firstFresh = fresh.stream().map(this::sendingTime).min(Instant::compareTo).orElseThrow();
        // the 4 senders run in parallel: a new one may start while the last held ones are in flight
        assertThat(firstFresh).isAfter(lastHeld.minusMillis(200));
    }

    @Test
    void anOutageBuildsABacklogThatDrainsInOrder() throws Exception {
        bridge.mock.stubFor(post(DIDWW).atPriority(1).willReturn(aResponse().withStatus(503)));
        bridge.mock.addStubMapping(created());
        List<String> contacts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String c = contact();
            contacts.add(c.substring(1));
            ids.add(send(c));
            Thread.sleep(20);
        }
        Thread.sleep(1500);
        bridge.mock.removeStub(bridge.mock.listAllStubMappings().getMappings().stream()
                .filter(s -> s.getPriority() != null && s.getPriority() == 1).findFirst().orElseThrow());
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream()
                .allMatch(id -> bridge.message(id).get("status").asText().equals("sending")));
        // the order in which the carrier accepted them: the time each message became "sending"
        List<String> order = ids.stream()
                .sorted(java.util.Comparator.comparing((String id) -> sendingTime(id)))
                .map(id -> contacts.get(ids.indexOf(id)))
                .toList();
        assertThat(order).hasSize(30).doesNotHaveDuplicates();
        assertThat(bridge.mock.findAll(postRequestedFor(urlEqualTo(DIDWW))).stream()
                .filter(r -> !r.getBodyAsString().isEmpty()).count()).isGreaterThanOrEqualTo(30);
        // oldest first; the 4 senders work in parallel, so neighbours may swap but nothing jumps ahead
        for (int i = 0; i < order.size(); i++) {
            assertThat(Math.abs(contacts.indexOf(order.get(i)) - i)).as("displacement of the message sent " + i + "th")
                    .isLessThanOrEqualTo(6);
        }
        // the carrier was paused, not hammered: far fewer failed tries than messages x attempts
        long failures = bridge.mock.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(DIDWW) && e.getResponse().getStatus() == 503).count();
        assertThat(failures).isLessThan(30);
    }
}
