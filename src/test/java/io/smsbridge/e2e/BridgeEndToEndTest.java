package io.smsbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsbridge.store.db.Sql;
import io.smsbridge.store.Job;
import io.smsbridge.flow.status.StatusService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.smsbridge.e2e.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole bridge over real HTTP: DIDWW webhooks in, platform API in, WireMock as the DIDWW API and
 * the platform webhook. Each test uses its own contact, so conversations never mix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BridgeEndToEndTest {

    static final String AUTH = "Bearer " + API_KEY;
    static final String REFUSED = "+19175550400";
    static final String SLOW = "+19175550401";
    TestBridge bridge;

    @BeforeAll
    void start() throws Exception {
        bridge = TestBridge.start(DIRECTORY, Map.of());
        var m = bridge.mock;
        m.stubFor(post("/didww/outbound_messages").atPriority(5).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/vnd.api+json")
                .withBody("{\"data\":{\"type\":\"outbound_messages\",\"id\":\"{{randomValue type='UUID'}}\"}}")
                .withTransformers("response-template")));
        m.stubFor(post("/didww/outbound_messages").atPriority(1)
                .withRequestBody(matchingJsonPath("$.data.attributes.destination", equalTo("19175550400")))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/vnd.api+json")
                        .withBody("{\"errors\":[{\"title\":\"is invalid\",\"detail\":\"destination - is not allowed\","
                                + "\"code\":\"100\",\"status\":\"400\"}]}")));
        m.stubFor(post("/didww/outbound_messages").atPriority(1)
                .withRequestBody(matchingJsonPath("$.data.attributes.destination", equalTo("19175550401")))
                .willReturn(aResponse().withStatus(201).withFixedDelay(1500)
                        .withBody("{\"data\":{\"type\":\"outbound_messages\",\"id\":\"early-callback-id\"}}")));
        m.stubFor(post("/platform/acme").willReturn(aResponse().withStatus(200)));
        m.stubFor(post("/platform/beta").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        m.stubFor(post("/platform/beta").inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
        m.stubFor(post("/platform/beta").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    TestBridge.Response send(String from, String to, String extension, String content) {
        return bridge.postJson("/api/v1/messages", """
                {"from":"%s","to":"%s","extension":"%s","domain":"acme.example","content":"%s"}"""
                .formatted(from, to, extension, content), "Authorization", AUTH);
    }

    String sendOk(String from, String to, String extension, String content) {
        TestBridge.Response r = send(from, to, extension, content);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().at("/data/status").asText()).isEqualTo("queued");
        return r.json().at("/data/id").asText();
    }

    TestBridge.Response didwwInbound(String uuid, String fromDigits, String to, String text) {
        String b64 = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        return bridge.postJson("/webhooks/acme-didww?token=" + DIDWW_TOKEN, """
                {"uuid":"%s","src_addr":"%s","dst_addr":"%s","text_b64":"%s","time":"Tue, 03 Jun 2025 14:05:09 GMT"}"""
                .formatted(uuid, fromDigits, to.substring(1), b64));
    }

    TestBridge.Response callback(String integration, String token, String type, String id, String status,
            String code) {
        return bridge.postJson("/webhooks/" + integration, """
                {"data":{"type":"%s","id":"%s","attributes":{"status":"%s","code_id":%s}}}"""
                .formatted(type, id, status, code == null ? "null" : code), "X-Webhook-Token", token);
    }

    List<String> recipients(JsonNode event) {
        return event.at("/params/recipients").findValuesAsText("extension");
    }

    List<LoggedRequest> didwwRequestsTo(String contact) {
        return bridge.mock.findAll(postRequestedFor(urlEqualTo("/didww/outbound_messages"))
                .withRequestBody(matchingJsonPath("$.data.attributes.destination", equalTo(contact.substring(1)))));
    }

    // ------------------------------------------------------------------ stickiness

    @Test
    void inboundWithoutSessionGoesToEveryUserAsAGroupChat() {
        String c = contact();
        assertThat(didwwInbound("g-" + c, c.substring(1), STICKY, "Hi all").status()).isEqualTo(200);
        await().until(() -> bridge.eventsFrom(c).size() == 1);
        JsonNode e = bridge.eventsFrom(c).get(0);
        assertThat(e.get("method").asText()).isEqualTo("message");
        assertThat(e.at("/params/to").asText()).isEqualTo(STICKY);
        assertThat(e.at("/params/content").asText()).isEqualTo("Hi all");
        assertThat(e.at("/params/group").asBoolean()).isTrue();
        assertThat(recipients(e)).containsExactlyInAnyOrder("101", "102");
        assertThat(e.at("/params/recipients/0/domain").asText()).isEqualTo("acme.example");
        assertThat(e.at("/params/conversation").asText()).isNotBlank();
        String id = e.at("/params/id").asText();
        await().until(() -> bridge.message(id).get("status").asText().equals("delivered_to_platform"));
        LoggedRequest post = bridge.mock.findAll(postRequestedFor(urlEqualTo("/platform/acme"))).get(0);
        assertThat(post.getHeader("Authorization")).isEqualTo("Bearer " + PLATFORM_TOKEN);
    }

    @Test
    void replyGoesOnlyToTheUserWhoStartedTheConversation() throws Exception {
        String c = contact();
        String national = c.substring(2); // the user types the national number
        String id = sendOk(STICKY, national, "101", "Quote attached");

        await().until(() -> didwwRequestsTo(c).size() == 1);
        LoggedRequest out = didwwRequestsTo(c).get(0);
        assertThat(out.getHeader("Content-Type")).isEqualTo("application/vnd.api+json");
        assertThat(out.containsHeader("Authorization")).isTrue();
        assertThat(new BasicCredentials("trunk-user", TRUNK_PASSWORD).asAuthorizationHeaderValue())
                .isEqualTo(out.getHeader("Authorization"));
        JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.getBodyAsString());
        assertThat(body.at("/data/type").asText()).isEqualTo("outbound_messages");
        assertThat(body.at("/data/attributes/source").asText()).isEqualTo("19179056077");
        assertThat(body.at("/data/attributes/content").asText()).isEqualTo("Quote attached");
        bridge.carrierId(id);

        didwwInbound("r-" + c, c.substring(1), STICKY, "Thanks!");
        await().until(() -> bridge.eventsFrom(c).size() == 1);
        JsonNode reply = bridge.eventsFrom(c).get(0);
        assertThat(reply.at("/params/group").asBoolean()).isFalse();
        assertThat(recipients(reply)).containsExactly("101");
        assertThat(reply.at("/params/conversation").asText()).isEqualTo(bridge.message(id).get("conversation_id").asText());
    }

    @Test
    void anotherUserSendingTakesTheConversationOver() {
        String c = contact();
        sendOk(STICKY, c, "101", "First");
        sendOk(STICKY, c, "102", "Taking over");
        didwwInbound("t-" + c, c.substring(1), STICKY, "Who is this?");
        await().until(() -> bridge.eventsFrom(c).size() == 1);
        assertThat(recipients(bridge.eventsFrom(c).get(0))).containsExactly("102");
        assertThat(sessionReasons(STICKY, c)).containsExactlyInAnyOrder("reassigned", null);
    }

    @Test
    void expiredSessionIsNotUsedAndIsKeptAsExpired() throws Exception {
        String c = contact();
        sendOk(SHORT_STICKY, c, "101", "Short window");
        Thread.sleep(1300);
        didwwInbound("e-" + c, c.substring(1), SHORT_STICKY, "Late reply");
        String shown = c.substring(2); // the number shows contacts in national format
        await().until(() -> bridge.platformPosts("/platform/acme").stream()
                .anyMatch(e -> shown.equals(e.at("/params/from").asText())));
        JsonNode e = bridge.platformPosts("/platform/acme").stream()
                .filter(x -> shown.equals(x.at("/params/from").asText())).findFirst().orElseThrow();
        assertThat(e.at("/params/group").asBoolean()).isTrue();
        assertThat(e.at("/params/to").asText()).isEqualTo("9179056079");
        assertThat(recipients(e)).containsExactlyInAnyOrder("101", "102");
        assertThat(sessionReasons(SHORT_STICKY, c)).containsExactly("expired");
    }

    @Test
    void withStickinessDisabledEveryReplyIsAGroupChat() {
        String c = contact();
        sendOk(NOT_STICKY, c, "101", "Hello");
        didwwInbound("d-" + c, c.substring(1), NOT_STICKY, "Hi");
        await().until(() -> bridge.eventsFrom(c).size() == 1);
        assertThat(bridge.eventsFrom(c).get(0).at("/params/group").asBoolean()).isTrue();
        assertThat(sessionReasons(NOT_STICKY, c)).isEmpty();
    }

    List<String> sessionReasons(String number, String contact) {
        return bridge.database().withConnection(conn -> Sql.list(conn, "SELECT s.closed_reason FROM sticky_sessions s"
                + " JOIN conversations c ON c.id = s.conversation_id WHERE c.number = ? AND c.contact = ?",
                rs -> rs.getString(1), number, contact));
    }

    // ------------------------------------------------------------------ idempotency

    @Test
    void aRepeatedInboundSmsIsStoredAndDeliveredOnce() throws Exception {
        String c = contact();
        assertThat(didwwInbound("dup-" + c, c.substring(1), STICKY, "Once").status()).isEqualTo(200);
        assertThat(didwwInbound("dup-" + c, c.substring(1), STICKY, "Once").status()).isEqualTo(200);
        await().until(() -> bridge.eventsFrom(c).size() == 1);
        Thread.sleep(500);
        assertThat(bridge.eventsFrom(c)).hasSize(1);
        assertThat(countMessages(c)).isEqualTo(1);
    }

    @Test
    void theVendorTemplateWithoutIdIsDeduplicatedByContent() throws Exception {
        String c = contact();
        String body = """
                {"to":"19179056077","from":"%s","time":"Tue, 03 Jun 2025 14:05:09 GMT","text":"x","data":"SGk="}"""
                .formatted(c.substring(1));
        assertThat(bridge.postJson("/webhooks/acme-didww?token=" + DIDWW_TOKEN, body).status()).isEqualTo(200);
        assertThat(bridge.postJson("/webhooks/acme-didww?token=" + DIDWW_TOKEN, body).status()).isEqualTo(200);
        await().until(() -> bridge.eventsFrom(c).size() == 1);
        assertThat(bridge.eventsFrom(c).get(0).at("/params/content").asText()).isEqualTo("Hi");
        Thread.sleep(300);
        assertThat(countMessages(c)).isEqualTo(1);
    }

    @Test
    void formAndGetRequestsAreInboundSmsToo() {
        String c1 = contact();
        String c2 = contact();
        TestBridge.Response form = bridge.post("/webhooks/acme-didww?token=" + DIDWW_TOKEN,
                "application/x-www-form-urlencoded", "uuid=f-" + c1 + "&from=" + c1.substring(1)
                        + "&to=19179056077&text=Form+text");
        assertThat(form.status()).as(form.body()).isEqualTo(200);
        TestBridge.Response get = bridge.get("/webhooks/acme-didww?token=" + DIDWW_TOKEN + "&uuid=q-" + c2 + "&from=%2B"
                + c2.substring(1) + "&to=19179056077&text=Get%20text");
        assertThat(get.status()).as(get.body()).isEqualTo(200);
        await().until(() -> bridge.eventsFrom(c1).size() == 1 && bridge.eventsFrom(c2).size() == 1);
        assertThat(bridge.eventsFrom(c1).get(0).at("/params/content").asText()).isEqualTo("Form text");
        assertThat(bridge.eventsFrom(c2).get(0).at("/params/content").asText()).isEqualTo("Get text");
    }

    @Test
    void shortCodesAndAlphanumericSendersAreDeliveredVerbatimButCannotBeAnsweredIfAlphanumeric() {
        assertThat(didwwInbound("sc-1", "72345", STICKY, "Your code is 1234").status()).isEqualTo(200);
        assertThat(didwwInbound("an-1", "ACME", STICKY, "Your parcel").status()).isEqualTo(200);
        await().until(() -> bridge.eventsFrom("72345").size() == 1 && bridge.eventsFrom("ACME").size() == 1);
        TestBridge.Response reply = send(STICKY, "ACME", "101", "Hi");
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().at("/error/message").asText()).contains("alphanumeric");
    }

    int countMessages(String contact) {
        return bridge.database().withConnection(conn -> Sql.one(conn,
                "SELECT COUNT(*) FROM messages WHERE contact = ?", rs -> rs.getInt(1), contact));
    }

    // ------------------------------------------------------------------ status callbacks

    @Test
    void successCallbackIsReportedAsDeliveredOnce() {
        String c = contact();
        String id = sendOk(STICKY, c, "101", "Status please");
        String carrierId = bridge.carrierId(id);
        assertThat(bridge.message(id).get("status").asText()).isEqualTo("sending");
        assertThat(callback("acme-didww", DIDWW_TOKEN, "outbound_message_callbacks", carrierId, "Success", null)
                .status()).isEqualTo(200);
        assertThat(callback("acme-didww", DIDWW_TOKEN, "outbound_message_callbacks", carrierId, "Success", null)
                .status()).isEqualTo(200);
        await().until(() -> bridge.eventsAbout(id).size() == 1);
        assertThat(bridge.eventsAbout(id).get(0).get("method").asText()).isEqualTo("delivered");
        assertThat(bridge.message(id).get("status").asText()).isEqualTo("sent");
        assertThat(bridge.message(id).get("history").findValuesAsText("status"))
                .containsSubsequence("queued", "sending", "sent");
    }

    @Test
    void failedCallbackIsReportedWithTheCodeAndItsMeaning() {
        String c = contact();
        String id = sendOk(STICKY, c, "101", "Will fail");
        String carrierId = bridge.carrierId(id);
        callback("acme-didww", DIDWW_TOKEN, "outbound_message_callbacks", carrierId, "Failed", "8");
        await().until(() -> bridge.eventsAbout(id).size() == 1);
        JsonNode failed = bridge.eventsAbout(id).get(0);
        assertThat(failed.get("method").asText()).isEqualTo("failed");
        assertThat(failed.at("/params/code").asText()).isEqualTo("8");
        assertThat(failed.at("/params/reason").asText()).isEqualTo("SMS source address is not allowed");
        JsonNode m = bridge.message(id);
        assertThat(m.get("status").asText()).isEqualTo("failed");
        assertThat(m.get("error_code").asText()).isEqualTo("8");
    }

    @Test
    void withDeliveryReceiptsTheDlrDecidesAndHeaderAndFooterAreAdded() throws Exception {
        String c = contact();
        String id = sendOk(WITH_DLR, c, "101", "Body");
        String carrierId = bridge.carrierId(id);
        JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                didwwRequestsTo(c).get(0).getBodyAsString());
        assertThat(body.at("/data/attributes/content").asText()).isEqualTo("ACME:\nBody\nReply STOP to opt out");
        assertThat(didwwRequestsTo(c).get(0).getHeader("Authorization")).isEqualTo(
                new BasicCredentials("trunk-user-2", TRUNK_PASSWORD).asAuthorizationHeaderValue());

        callback("acme-didww-dlr", DLR_TOKEN, "outbound_message_callbacks", carrierId, "Success", null);
        await().until(() -> bridge.message(id).get("status").asText().equals("sent"));
        Thread.sleep(400);
        assertThat(bridge.eventsAbout(id)).isEmpty();
        callback("acme-didww-dlr", DLR_TOKEN, "dlr_event", carrierId, "DELIVERED", null);
        await().until(() -> bridge.eventsAbout(id).size() == 1);
        assertThat(bridge.eventsAbout(id).get(0).get("method").asText()).isEqualTo("delivered");
        assertThat(bridge.message(id).get("status").asText()).isEqualTo("delivered");
    }

    @Test
    void aCallbackThatOvertakesTheCarriersAnswerIsAppliedOnceTheIdIsKnown() {
        String id = sendOk(STICKY, SLOW, "101", "Slow carrier");
        await().until(() -> didwwRequestsTo(SLOW).size() == 1);
        // DIDWW has not answered yet (1.5 s delay) but its callback is already here
        assertThat(callback("acme-didww", DIDWW_TOKEN, "outbound_message_callbacks", "early-callback-id", "Success",
                null).status()).isEqualTo(200);
        await().until(() -> bridge.eventsAbout(id).size() == 1);
        assertThat(bridge.eventsAbout(id).get(0).get("method").asText()).isEqualTo("delivered");
        assertThat(bridge.message(id).get("status").asText()).isEqualTo("sent");
    }

    @Test
    void concurrentMessagesOfOneContactLeaveOneConsistentSession() throws Exception {
        ConversationRace.run(bridge.database(), STICKY, 15, List.of(
                c -> send(STICKY, c, "101", "from 101").status(),
                c -> send(STICKY, c, "102", "from 102").status(),
                c -> didwwInbound("cc-a-" + c, c.substring(1), STICKY, "reply a").status(),
                c -> didwwInbound("cc-b-" + c, c.substring(1), STICKY, "reply b").status(),
                c -> send(STICKY, c, "101", "again 101").status()));
    }

    @Test
    void aReportParkedJustAfterTheSendLookedIsAppliedByTheReportsOwnLook() throws Exception {
        String id = sendOk(STICKY, contact(), "101", "Race");
        await().until(() -> bridge.message(id).get("status").asText().equals("sending"));
        String carrierId = bridge.carrierId(id);
        // what a report leaves when its lookup ran just before the send's result was committed (two
        // instances, or two writers): parked, after the send had looked for parked reports
        bridge.parkSentReport("acme-didww", carrierId);

        // the report's own look once its park is committed (StatusService.accept makes it)
        List<Job> posts = bridge.bean("statusService", StatusService.class).applyParked("acme-didww", carrierId);
        assertThat(posts).singleElement().satisfies(j -> assertThat(j.payload()).contains("\"delivered\""));
        assertThat(bridge.message(id).get("status").asText()).isEqualTo("sent");
        // taken once: a second look (the send's, or another instance's) finds nothing
        assertThat(bridge.bean("statusService", StatusService.class).applyParked("acme-didww", carrierId)).isEmpty();
    }

    @Test
    void aCarrierRefusalFailsTheMessageWithTheCarriersDetail() {
        String id = sendOk(STICKY, REFUSED, "101", "Refused");
        await().until(() -> bridge.eventsAbout(id).size() == 1);
        JsonNode failed = bridge.eventsAbout(id).get(0);
        assertThat(failed.get("method").asText()).isEqualTo("failed");
        assertThat(failed.at("/params/reason").asText()).isEqualTo("destination - is not allowed");
        assertThat(bridge.message(id).get("status").asText()).isEqualTo("failed");
        assertThat(didwwRequestsTo(REFUSED)).hasSize(1); // a 400 is permanent: no retry
    }

    @Test
    void platformWebhookDownIsRetriedUntilItAnswers2xx() {
        String c = contact();
        TestBridge.Response r = bridge.postJson("/webhooks/beta-didww?token=beta-webhook-token-0001", """
                {"uuid":"beta-%s","src_addr":"%s","dst_addr":"19179056090","text":"retry me"}"""
                .formatted(c, c.substring(1)));
        assertThat(r.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> bridge.platformPosts("/platform/beta").size() == 3);
        List<JsonNode> posts = bridge.platformPosts("/platform/beta");
        assertThat(posts).allMatch(p -> p.at("/params/content").asText().equals("retry me"));
        String id = posts.get(0).at("/params/id").asText();
        await().until(() -> bridge.get("/api/v1/messages/" + id, "Authorization", "Bearer beta-api-key-0001-secret")
                .json().at("/data/status").asText().equals("delivered_to_platform"));
    }

    // ------------------------------------------------------------------ sandbox

    @Test
    void sandboxRoundTripDeliversAndEchoesStickily() {
        String c = contact();
        String id = sendOk(SANDBOX, c, "102", "Ping");
        await().until(() -> bridge.eventsAbout(id).size() == 1);
        assertThat(bridge.eventsAbout(id).get(0).get("method").asText()).isEqualTo("delivered");
        await().until(() -> bridge.eventsFrom(c).size() == 1);
        JsonNode echo = bridge.eventsFrom(c).get(0);
        assertThat(echo.at("/params/content").asText()).isEqualTo("Echo: Ping");
        assertThat(echo.at("/params/group").asBoolean()).isFalse();
        assertThat(recipients(echo)).containsExactly("102");
        assertThat(bridge.message(id).get("status").asText()).isEqualTo("delivered");
    }

    // ------------------------------------------------------------------ logs

    @Test
    @Order(Integer.MAX_VALUE)
    void noSecretReachesALogLine() throws Exception {
        Path log = Path.of("target/test-logs/bridge.log");
        assertThat(log).exists();
        String text = Files.readString(log);
        String basic = Base64.getEncoder().encodeToString(("trunk-user:" + TRUNK_PASSWORD).getBytes());
        for (String secret : List.of(API_KEY, DIDWW_TOKEN, DLR_TOKEN, TRUNK_PASSWORD, PLATFORM_TOKEN, basic,
                "beta-webhook-token-0001", "beta-trunk-password")) {
            assertThat(text).as("log mentions a secret").doesNotContain(secret);
        }
    }
}
