package io.smsbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * STOP, START and HELP as CTIA expects them: the opt-out is recorded, confirmed by an auto-reply,
 * shown to the users, and enforced on sends until START; a number may turn its replies off.
 */
class OptOutTest {

    static final String KEY = "optout-api-key-0001-secret";
    static final String TOKEN = "optout-webhook-token-0001";
    static final String DIRECTORY = """
            organizations:
              - id: acme
                domain: acme.example
                platform: { webhook-url: "${mock}/platform/acme" }
                api-keys: [ "%s" ]
                integrations:
                  - { id: o-didww, provider: didww, webhook-token: %s, username: u, password: p, base-url: "${mock}/didww" }
                numbers:
                  - { number: "+19179056201", integration: o-didww, users: [ "101@acme.example", "102@acme.example" ] }
                  - number: "+19179056202"
                    integration: o-didww
                    users: [ "101@acme.example" ]
                    opt-out: { stop-words: "STOP, ARRET", stop-reply: "off" }
            """.formatted(KEY, TOKEN);

    static TestBridge bridge;
    static String operator;

    @BeforeAll
    static void start() throws Exception {
        bridge = TestBridge.start(DIRECTORY, Map.of("admin.operator-password", "operator-password-0001"));
        bridge.mock.stubFor(post("/didww/outbound_messages").willReturn(aResponse().withStatus(201)
                .withBody("{\"data\":{\"type\":\"outbound_messages\",\"id\":\"{{randomValue type='UUID'}}\"}}")
                .withTransformers("response-template")));
        bridge.mock.stubFor(post("/platform/acme").willReturn(aResponse().withStatus(200)));
        operator = AdminApiTest.login(bridge, "operator", "operator-password-0001");
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    static void inbound(String contact, String number, String text) {
        String b64 = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        TestBridge.Response r = bridge.postJson("/webhooks/o-didww?token=" + TOKEN, """
                {"uuid":"%s","src_addr":"%s","dst_addr":"%s","text_b64":"%s","time":"Tue, 03 Jun 2025 14:05:09 GMT"}"""
                .formatted(java.util.UUID.randomUUID(), contact.substring(1), number.substring(1), b64));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    static TestBridge.Response send(String number, String contact) {
        return bridge.postJson("/api/v1/messages", """
                {"from":"%s","to":"%s","extension":"101","domain":"acme.example","content":"Sale today"}"""
                .formatted(number, contact), "Authorization", "Bearer " + KEY);
    }

    static long repliesTo(String contact, String text) {
        return bridge.mock.findAll(postRequestedFor(urlEqualTo("/didww/outbound_messages"))
                .withRequestBody(containing(contact.substring(1))).withRequestBody(containing(text))).size();
    }

    @Test
    void stopOptsOutUntilStartAndBothAreConfirmed() {
        String c = Fixtures.contact();
        inbound(c, "+19179056201", " stop ");
        // the users see it, marked
        await().atMost(Duration.ofSeconds(5)).until(() -> bridge.eventsFrom(c).size() == 1);
        JsonNode event = bridge.eventsFrom(c).get(0);
        assertThat(event.at("/params/keyword").asText()).isEqualTo("stop");
        assertThat(event.at("/params/recipients").size()).isEqualTo(2);
        // confirmed once
        await().atMost(Duration.ofSeconds(5)).until(() -> repliesTo(c, "You are unsubscribed") == 1);

        TestBridge.Response refused = send("+19179056201", c);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("contact_opted_out");
        assertThat(refused.json().at("/error/message").asText()).contains("START");
        // the same contact on another number is not opted out
        assertThat(send("+19179056202", c).status()).isEqualTo(202);

        JsonNode listed = AdminApiTest.call(bridge, "GET", "/admin/v1/organizations/acme/numbers/+19179056201/opt-outs",
                operator, null).json().get("data");
        assertThat(listed.toString()).contains(c);

        inbound(c, "+19179056201", "START");
        await().atMost(Duration.ofSeconds(5)).until(() -> repliesTo(c, "You are subscribed again") == 1);
        assertThat(send("+19179056201", c).status()).isEqualTo(202);
    }

    @Test
    void helpAnswersAndAWordInsideASentenceIsNoKeyword() {
        String c = Fixtures.contact();
        inbound(c, "+19179056201", "Please don't stop sending me deals");
        inbound(c, "+19179056201", "Help");
        await().atMost(Duration.ofSeconds(5)).until(() -> repliesTo(c, "Reply STOP to unsubscribe") == 1);
        assertThat(send("+19179056201", c).status()).isEqualTo(202);
    }

    @Test
    void aNumbersOwnWordsAndARepliesTurnedOff() throws Exception {
        String c = Fixtures.contact();
        inbound(c, "+19179056202", "arret");
        await().atMost(Duration.ofSeconds(5)).until(() -> send("+19179056202", c).status() == 422);
        Thread.sleep(1500);
        assertThat(repliesTo(c, "unsubscribed")).isZero();
        // an operator lifts it
        assertThat(AdminApiTest.call(bridge, "DELETE", "/admin/v1/organizations/acme/numbers/+19179056202/opt-outs/"
                + c.replace("+", "%2B"), operator, null).status()).isEqualTo(204);
        assertThat(send("+19179056202", c).status()).isEqualTo(202);
    }
}
