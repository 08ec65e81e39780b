package io.smsbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.smsbridge.e2e.Fixtures.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A send whose carrier call began and whose answer was never recorded (the bridge died in between),
 * left in the database as a crash leaves it: a job still held by an instance that stopped beating,
 * marked as calling. The restarted bridge takes it back within the heartbeat timeout, not the lease,
 * and decides it by the integration's on-uncertain: fail (the platform hears, nothing is sent),
 * resend, or check (the sandbox is asked).
 */
class UncertainSendTest {

    static final String DIDWW = "/didww/outbound_messages";
    static final String FAILS = "+19179056101";
    static final String RESENDS = "+19179056102";
    static final String CHECKS = "+15550100101";
    static final String DIRECTORY = """
            organizations:
              - id: acme
                domain: acme.example
                platform: { webhook-url: "${mock}/platform/acme" }
                api-keys: [ "%s" ]
                integrations:
                  - { id: acme-fail, provider: didww, webhook-token: uncertain-token-0001-secret, username: u,
                      password: p, base-url: "${mock}/didww" }
                  - { id: acme-resend, provider: didww, webhook-token: uncertain-token-0002-secret, username: u,
                      password: p, base-url: "${mock}/didww", on-uncertain: resend }
                  - { id: acme-check, provider: sandbox, on-uncertain: check, delivery-delay: 50ms }
                numbers:
                  - { number: "%s", integration: acme-fail, users: [ "101@acme.example" ] }
                  - { number: "%s", integration: acme-resend, users: [ "101@acme.example" ] }
                  - { number: "%s", integration: acme-check, users: [ "101@acme.example" ] }
            """.formatted(API_KEY, FAILS, RESENDS, CHECKS);

    TestBridge bridge;

    @BeforeEach
    void start() throws Exception {
        // a failed send waits an hour for its retry, so only the restart can take it again; the
        // lease is the default minute and the crashed holder's lease is made to last an hour
        bridge = TestBridge.start(DIRECTORY, Map.of("retry.didww.backoff", "1h", "retry.didww.max-backoff", "1h",
                "jobs.heartbeat-interval", "300", "jobs.heartbeat-timeout", "1s"));
        bridge.mock.stubFor(post("/platform/acme").willReturn(aResponse().withStatus(200)));
        bridge.mock.stubFor(post(DIDWW).atPriority(9).willReturn(aResponse().withStatus(503)));
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    @Test
    void failModeMarksItFailedTellsThePlatformAndSendsNothing() throws Exception {
        String contact = "+4670" + System.nanoTime() % 10_000_000;
        String id = waitingSend(FAILS, contact);
        crashDuringTheCall(id, null);
        carrierAccepts();
        bridge.startBridge();

        await().atMost(Duration.ofSeconds(15)).until(() -> "failed".equals(bridge.message(id).get("status").asText()));
        JsonNode m = bridge.message(id);
        assertThat(m.get("error_reason").asText()).isEqualTo("outcome unknown after restart");
        assertThat(m.get("error_code").asText()).isEqualTo("uncertain");
        await().atMost(Duration.ofSeconds(10)).until(() -> !bridge.eventsAbout(id).isEmpty());
        assertThat(bridge.eventsAbout(id).get(0).at("/params/reason").asText()).contains("outcome unknown");
        Thread.sleep(500);
        assertThat(carrierRequests(contact)).as("the first (refused) call only: nothing sent twice").isEqualTo(1);
        // the line about it carries its integration and id (the logging context)
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("target/test-logs/bridge.log")))
                .contains("[acme-fail " + id + "] - Message " + id + " of acme-fail: its send at");
    }

    @Test
    void resendModeSendsItAgain() throws Exception {
        String contact = "+4671" + System.nanoTime() % 10_000_000;
        String id = waitingSend(RESENDS, contact);
        crashDuringTheCall(id, null);
        carrierAccepts();
        bridge.startBridge();

        await().atMost(Duration.ofSeconds(15)).until(() -> !bridge.message(id).get("provider_message_id").isNull());
        assertThat(carrierRequests(contact)).isEqualTo(2);
    }

    @Test
    void checkModeRecordsWhatTheCarrierTookWithoutSendingAgain() throws Exception {
        TestBridge.Response r = send(CHECKS, "+4672" + System.nanoTime() % 10_000_000);
        String id = r.json().at("/data/id").asText();
        String carrierId = bridge.carrierId(id);
        bridge.stopBridge();
        // as if the carrier's answer had never been recorded
        try (Connection c = bridge.connect()) {
            update(c, "UPDATE messages SET provider_message_id = NULL WHERE id = CAST(? AS UUID)", id);
            update(c, "UPDATE message_status SET status = 'queued' WHERE message_id = CAST(? AS UUID)", id);
            update(c, "INSERT INTO jobs (kind, message_id, organization_id, state, attempts, next_attempt_at,"
                    + " created_at, updated_at, integration_id) VALUES ('carrier-send', CAST(? AS UUID), 'acme',"
                    + " 'ready', 1, ?, ?, ?, 'acme-check')", id, ts(Instant.now().plusSeconds(3600)),
                    ts(Instant.now()), ts(Instant.now()));
        }
        crashDuringTheCall(id, null);
        bridge.startBridge();

        await().atMost(Duration.ofSeconds(15)).until(() -> !bridge.message(id).get("provider_message_id").isNull());
        assertThat(bridge.message(id).get("provider_message_id").asText()).as("the sandbox's id of the first send")
                .isEqualTo(carrierId);
    }

    @Test
    void checkModeSendsWhatTheCarrierNeverGot() throws Exception {
        String contact = "+4673" + System.nanoTime() % 10_000_000;
        String id = waitingSend(FAILS, contact);
        // the waiting send becomes one of the sandbox integration, which has never seen it
        crashDuringTheCall(id, "acme-check");
        bridge.startBridge();

        await().atMost(Duration.ofSeconds(15)).until(() -> !bridge.message(id).get("provider_message_id").isNull());
        assertThat(bridge.message(id).get("provider_message_id").asText()).startsWith("sandbox-");
    }

    @Test
    void aDirectoryAskingToCheckACarrierThatCannotBeAskedIsRefused() {
        String bad = DIRECTORY.replace("password: p, base-url: \"${mock}/didww\", on-uncertain: resend",
                "password: p, base-url: \"${mock}/didww\", on-uncertain: check");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestBridge.start(bad, Map.of()))
                .hasStackTraceContaining("on-uncertain")
                .hasStackTraceContaining("didww cannot be asked whether it took a message");
    }

    /** A send the carrier refused (503): it waits an hour for its retry. The bridge is then stopped. */
    String waitingSend(String from, String contact) {
        String id = send(from, contact).json().at("/data/id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> "retrying".equals(bridge.message(id).get("status")
                .asText()));
        bridge.stopBridge();
        return id;
    }

    TestBridge.Response send(String from, String contact) {
        TestBridge.Response r = bridge.postJson("/api/v1/messages", """
                {"from":"%s","to":"%s","extension":"101","content":"uncertain test"}""".formatted(from, contact),
                "Authorization", "Bearer " + API_KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r;
    }

    /**
     * The job as a crash during its carrier call leaves it: held for another hour by an instance that
     * has not beaten for a minute, its call begun. {@code integration}, when given, moves the message.
     */
    void crashDuringTheCall(String id, String integration) throws SQLException {
        Instant now = Instant.now();
        try (Connection c = bridge.connect()) {
            update(c, "UPDATE jobs SET state = 'running', locked_by = 'bridge-crashed', locked_until = ?,"
                    + " call_started_at = ? WHERE message_id = CAST(? AS UUID)", ts(now.plusSeconds(3600)),
                    ts(now.minusSeconds(61)), id);
            update(c, "INSERT INTO instances (id, host, pid, started_at, heartbeat_at) VALUES ('bridge-crashed',"
                    + " 'elsewhere', 1, ?, ?)", ts(now.minusSeconds(3600)), ts(now.minusSeconds(60)));
            if (integration != null) {
                update(c, "UPDATE messages SET integration_id = ?, provider = 'sandbox' WHERE id = CAST(? AS UUID)",
                        integration, id);
                update(c, "UPDATE jobs SET integration_id = ? WHERE message_id = CAST(? AS UUID)", integration, id);
            }
        }
    }

    void carrierAccepts() {
        bridge.mock.stubFor(post(DIDWW).atPriority(1).willReturn(aResponse().withStatus(201)
                .withBody("{\"data\":{\"type\":\"outbound_messages\",\"id\":\"{{randomValue type='UUID'}}\"}}")
                .withTransformers("response-template")));
    }

    int carrierRequests(String contact) {
        return bridge.mock.findAll(postRequestedFor(urlEqualTo(DIDWW)).withRequestBody(containing(contact.substring(1))))
                .size();
    }

    static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }
}
