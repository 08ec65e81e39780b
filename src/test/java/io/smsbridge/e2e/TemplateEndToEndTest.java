package io.smsbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.smsbridge.e2e.Fixtures.API_KEY;
import static io.smsbridge.e2e.Fixtures.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Carriers described by the shipped JSON templates (providers/), over real HTTP: the example JSON
 * carrier end to end, and DIDWW through its template passing the same checks as the built-in adapter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateEndToEndTest {

    static final String ACME_TOKEN = "acme-json-webhook-token-0001";
    static final String ACME_KEY = "acme-json-api-key-0001-secret";
    static final String TPL_TOKEN = "didww-tpl-webhook-token-0001";
    static final String JSON_NUMBER = "+19179056101";
    static final String DIDWW_BUILT_IN = "+19179056102";
    static final String DIDWW_TEMPLATE = "+19179056103";
    static final String THROTTLED = "+19175550501";
    static final String NO_ID = "+19175550502";
    static final String REFUSED = "+19175550503";

    static final String DIRECTORY = """
            organizations:
              - id: acme
                domain: acme.example
                platform:
                  webhook-url: ${mock}/platform/acme
                api-keys: [ "%s" ]
                integrations:
                  - id: acme-json
                    provider: template:acme-sms
                    webhook-token: %s
                    base-url: ${mock}/acme
                    properties:
                      API key: %s
                      Account ID: AC 42/x
                  - id: acme-didww
                    provider: didww
                    webhook-token: didww-webhook-token-0009
                    username: trunk-user
                    password: trunk-password-9
                    base-url: ${mock}/didww
                  - id: acme-didww-tpl
                    provider: template:jsonapi-example
                    webhook-token: %s
                    base-url: ${mock}/didww
                    properties: { Username: trunk-user, Password: trunk-password-9 }
                numbers:
                  - { number: "%s", integration: acme-json, stickiness: 1h, users: [ "101@acme.example", "102@acme.example" ] }
                  - { number: "%s", integration: acme-didww, stickiness: 1h, users: [ "101@acme.example" ] }
                  - { number: "%s", integration: acme-didww-tpl, stickiness: 1h, users: [ "101@acme.example" ] }
            """.formatted(API_KEY, ACME_TOKEN, ACME_KEY, TPL_TOKEN, JSON_NUMBER, DIDWW_BUILT_IN, DIDWW_TEMPLATE);

    static final String ACME_PATH = "/acme/v2/accounts/AC%2042%2Fx/messages";
    static final ObjectMapper JSON = new ObjectMapper();
    TestBridge bridge;

    @BeforeAll
    void start() throws Exception {
        bridge = TestBridge.start(DIRECTORY, Map.of(
                "retry.template.backoff", "100ms", "retry.template.max-backoff", "300ms"));
        var m = bridge.mock;
        m.stubFor(post(ACME_PATH).atPriority(5).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messages\":[{\"id\":\"acme-{{randomValue type='UUID'}}\",\"status\":\"queued\"}]}")
                .withTransformers("response-template")));
        m.stubFor(post(ACME_PATH).atPriority(1).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(matchingJsonPath("$.to[0]", equalTo(THROTTLED)))
                .willReturn(aResponse().withStatus(429).withBody("{\"error\":{\"code\":\"throttled\",\"message\":"
                        + "\"slow down\"}}")).willSetStateTo("open"));
        m.stubFor(post(ACME_PATH).atPriority(1).withRequestBody(matchingJsonPath("$.to[0]", equalTo(NO_ID)))
                .willReturn(aResponse().withStatus(200).withBody("{\"messages\":[]}")));
        m.stubFor(post("/didww/outbound_messages").atPriority(5).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/vnd.api+json")
                .withBody("{\"data\":{\"type\":\"outbound_messages\",\"id\":\"{{randomValue type='UUID'}}\"}}")
                .withTransformers("response-template")));
        m.stubFor(post("/didww/outbound_messages").atPriority(1)
                .withRequestBody(matchingJsonPath("$.data.attributes.destination", equalTo(REFUSED.substring(1))))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/vnd.api+json")
                        .withBody("{\"errors\":[{\"title\":\"is invalid\",\"detail\":\"destination - is not allowed\","
                                + "\"code\":\"100\",\"status\":\"400\"}]}")));
        m.stubFor(post("/platform/acme").willReturn(aResponse().withStatus(200)));
    }

    @AfterAll
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    String send(String from, String to, String content, String mediaUrl) {
        String media = mediaUrl == null ? "" : ",\"media_url\":\"" + mediaUrl + "\"";
        TestBridge.Response r = bridge.postJson("/api/v1/messages", """
                {"from":"%s","to":"%s","extension":"101","domain":"acme.example","content":%s%s}"""
                .formatted(from, to, JSON.valueToTree(content).toString(), media), "Authorization", "Bearer " + API_KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().at("/data/id").asText();
    }

    List<LoggedRequest> acmeRequestsTo(String contact) {
        return bridge.mock.findAll(postRequestedFor(urlEqualTo(ACME_PATH))
                .withRequestBody(matchingJsonPath("$.to[0]", equalTo(contact))));
    }

    TestBridge.Response acmeWebhook(String json) {
        return bridge.postJson("/webhooks/acme-json?token=" + ACME_TOKEN, json);
    }

    // ------------------------------------------------------------------ the example JSON carrier

    @Test
    void aMessageGoesOutAsTheTemplateSaysAndItsDeliveryReportComesBack() throws Exception {
        String c = contact();
        String text = "Quote \"A&B\" = 5$ 😊\nsee $API key$";
        String id = send(JSON_NUMBER, c, text, null);

        await().until(() -> acmeRequestsTo(c).size() == 1);
        LoggedRequest out = acmeRequestsTo(c).get(0);
        assertThat(out.getHeader("Authorization")).isEqualTo("Bearer " + ACME_KEY);
        assertThat(out.getHeader("Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(out.getBodyAsString());
        assertThat(body.get("from").asText()).isEqualTo(JSON_NUMBER);
        assertThat(body.get("text").asText()).isEqualTo(text);
        assertThat(body.get("client_ref").asText()).isEqualTo(id);
        assertThat(body.at("/tags/user").asText()).isEqualTo("101@acme.example");
        assertThat(out.getBodyAsString()).doesNotContain(ACME_KEY);

        String carrierId = bridge.carrierId(id);
        assertThat(carrierId).startsWith("acme-");
        assertThat(acmeWebhook("{\"method\":\"delivered\",\"params\":{\"messageid\":\"" + carrierId + "\"}}").status())
                .isEqualTo(200);
        await().until(() -> bridge.eventsAbout(id).size() == 1);
        assertThat(bridge.eventsAbout(id).get(0).get("method").asText()).isEqualTo("delivered");
        assertThat(bridge.message(id).get("status").asText()).isEqualTo("delivered");
    }

    @Test
    void aPictureGoesOutThroughSendFile() throws Exception {
        String c = contact();
        send(JSON_NUMBER, c, "Look", "https://cdn.example/p.jpg");
        await().until(() -> acmeRequestsTo(c).size() == 1);
        JsonNode body = JSON.readTree(acmeRequestsTo(c).get(0).getBodyAsString());
        assertThat(body.at("/media_urls/0").asText()).isEqualTo("https://cdn.example/p.jpg");
        assertThat(body.get("text").asText()).isEqualTo("Look");
    }

    @Test
    void aCarrierErrorCodeFromTheErrorMapIsRetriedByTheTemplatesTable() {
        String id = send(JSON_NUMBER, THROTTLED, "Again", null);
        await().until(() -> acmeRequestsTo(THROTTLED).size() == 2);
        assertThat(bridge.carrierId(id)).startsWith("acme-");
        assertThat(bridge.message(id).get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void anAnswerWithoutTheIdFailsTheMessageWithoutSendingItTwice() throws Exception {
        String id = send(JSON_NUMBER, NO_ID, "Lost id", null);
        await().until(() -> bridge.message(id).get("status").asText().equals("failed"));
        assertThat(bridge.message(id).get("error_code").asText()).isEqualTo("no_id");
        await().until(() -> bridge.eventsAbout(id).size() == 1);
        assertThat(bridge.eventsAbout(id).get(0).get("method").asText()).isEqualTo("failed");
        Thread.sleep(300);
        assertThat(acmeRequestsTo(NO_ID)).hasSize(1);
    }

    @Test
    void aFailedReportWithATransientCodeSendsTheMessageAgain() {
        String c = contact();
        String id = send(JSON_NUMBER, c, "Try twice", null);
        String first = bridge.carrierId(id);
        assertThat(acmeWebhook("{\"method\":\"failed\",\"params\":{\"messageid\":\"" + first
                + "\",\"code\":\"carrier_unavailable\",\"reason\":\"try later\"}}").status()).isEqualTo(200);
        await().until(() -> acmeRequestsTo(c).size() == 2);
        await().until(() -> !bridge.message(id).get("provider_message_id").asText().equals(first));
        assertThat(bridge.eventsAbout(id)).isEmpty();
    }

    @Test
    void anInboundMessageInThePlatformsOwnFormatReachesTheUsers() {
        String c = contact();
        String payload = """
                {"method":"message","params":{"id":"in-%s","from":"%s","to":"%s","content":"Hello \\"there\\" 😊"}}"""
                .formatted(c, c, JSON_NUMBER);
        assertThat(acmeWebhook(payload).status()).isEqualTo(200);
        assertThat(acmeWebhook(payload).status()).isEqualTo(200); // the carrier's retry: stored once
        await().until(() -> bridge.eventsFrom(c).size() == 1);
        JsonNode e = bridge.eventsFrom(c).get(0);
        assertThat(e.at("/params/content").asText()).isEqualTo("Hello \"there\" 😊");
        assertThat(e.at("/params/group").asBoolean()).isTrue();
        assertThat(e.at("/params/recipients").findValuesAsText("extension")).containsExactlyInAnyOrder("101", "102");
    }

    @Test
    void anInboundPictureBecomesAFileEvent() {
        String c = contact();
        assertThat(acmeWebhook("""
                {"method":"file","params":{"from":"%s","to":"%s","text":"pic","url":"https://cdn.example/in.jpg"}}"""
                .formatted(c, JSON_NUMBER)).status()).isEqualTo(200);
        await().until(() -> bridge.eventsFrom(c).size() == 1);
        JsonNode e = bridge.eventsFrom(c).get(0);
        assertThat(e.get("method").asText()).isEqualTo("file");
        assertThat(e.at("/params/url").asText()).isEqualTo("https://cdn.example/in.jpg");
    }

    @Test
    void aRequestThatFitsNoEventIsRefusedWithTheReason() {
        TestBridge.Response r = acmeWebhook("{\"method\":\"typing\",\"params\":{}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("fits no Webhook event of template acme-sms", "'method' is 'typing'");
        assertThat(bridge.postJson("/webhooks/acme-json?token=wrong-token-000000", "{}").status()).isEqualTo(401);
    }

    // ------------------------------------------------------------------ DIDWW: built-in and template alike

    @ParameterizedTest(name = "{0}")
    @CsvSource({"built-in, +19179056102, acme-didww, didww-webhook-token-0009",
            "template, +19179056103, acme-didww-tpl, didww-tpl-webhook-token-0001"})
    void didwwThroughItsTemplateBehavesAsTheBuiltInAdapter(String kind, String number, String integration,
            String token) throws Exception {
        String c = contact();
        String id = send(number, c, "Hi \"there\" 😊", null);
        await().until(() -> didwwRequestsTo(c).size() == 1);
        LoggedRequest out = didwwRequestsTo(c).get(0);
        assertThat(out.getHeader("Content-Type")).isEqualTo("application/vnd.api+json");
        assertThat(out.getHeader("Authorization")).isEqualTo(
                new BasicCredentials("trunk-user", "trunk-password-9").asAuthorizationHeaderValue());
        assertThat(equalToJson("""
                {"data":{"type":"outbound_messages","attributes":{"destination":"%s","source":"%s",
                 "content":"Hi \\"there\\" 😊"}}}""".formatted(c.substring(1), number.substring(1)))
                .match(out.getBodyAsString()).isExactMatch()).as(out.getBodyAsString()).isTrue();

        String carrierId = bridge.carrierId(id);
        assertThat(bridge.postJson("/webhooks/" + integration, """
                {"data":{"type":"outbound_message_callbacks","id":"%s","attributes":{"status":"Success","code_id":null}}}"""
                .formatted(carrierId), "X-Webhook-Token", token).status()).isEqualTo(200);
        await().until(() -> bridge.eventsAbout(id).size() == 1);
        assertThat(bridge.eventsAbout(id).get(0).get("method").asText()).isEqualTo("delivered");

        String failedId = send(number, contact(), "Second", null);
        String failedCarrierId = bridge.carrierId(failedId);
        bridge.postJson("/webhooks/" + integration, """
                {"data":{"type":"outbound_message_callbacks","id":"%s","attributes":{"status":"Failed","code_id":8}}}"""
                .formatted(failedCarrierId), "X-Webhook-Token", token);
        await().until(() -> bridge.eventsAbout(failedId).size() == 1);
        JsonNode failed = bridge.eventsAbout(failedId).get(0);
        assertThat(failed.get("method").asText()).isEqualTo("failed");
        assertThat(failed.at("/params/code").asText()).isEqualTo("8");
        assertThat(bridge.message(failedId).get("status").asText()).isEqualTo("failed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"built-in, +19179056102", "template, +19179056103"})
    void aRefusedDidwwSendFailsWithDidwwsReason(String kind, String number) {
        String id = send(number, REFUSED, "No", null);
        await().until(() -> bridge.message(id).get("status").asText().equals("failed"));
        assertThat(bridge.message(id).get("error_reason").asText()).isEqualTo("destination - is not allowed");
    }

    List<LoggedRequest> didwwRequestsTo(String contact) {
        return bridge.mock.findAll(postRequestedFor(urlEqualTo("/didww/outbound_messages"))
                .withRequestBody(matchingJsonPath("$.data.attributes.destination", equalTo(contact.substring(1)))));
    }
}
