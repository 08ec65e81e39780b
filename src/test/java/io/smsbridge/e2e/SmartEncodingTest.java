package io.smsbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Smart encoding (per organization, a number may say otherwise) and the send API's dry run. */
class SmartEncodingTest {

    static final String KEY = "smart-api-key-0001-secret";
    static final String DIRECTORY = """
            organizations:
              - id: acme
                domain: acme.example
                smart-encoding: true
                api-keys: [ "%s" ]
                integrations:
                  - { id: s-didww, provider: didww, webhook-token: smart-webhook-token-01, username: u, password: p, base-url: "${mock}/didww" }
                numbers:
                  - { number: "+19179056301", integration: s-didww, users: [ "101@acme.example" ] }
                  - { number: "+19179056302", integration: s-didww, smart-encoding: false, users: [ "101@acme.example" ] }
            """.formatted(KEY);
    /** A phone's typing: curly apostrophe, en dash, ellipsis, curly quotes; 130 characters. */
    static final String TYPED = "We\u2019re open \u2013 see you at 9\u2026 \u201CThanks\u201D " + "x".repeat(100);

    static TestBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = TestBridge.start(DIRECTORY, Map.of());
        bridge.mock.stubFor(post("/didww/outbound_messages").willReturn(aResponse().withStatus(201)
                .withBody("{\"data\":{\"type\":\"outbound_messages\",\"id\":\"{{randomValue type='UUID'}}\"}}")
                .withTransformers("response-template")));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    static TestBridge.Response send(String from, String to, String extra) {
        return bridge.postJson("/api/v1/messages", "{\"from\":\"" + from + "\",\"to\":\"" + to
                + "\",\"extension\":\"101\",\"content\":\"" + TYPED + "\"" + extra + "}", "Authorization", "Bearer " + KEY);
    }

    @Test
    void aDryRunShowsWhatWouldBeSentAndSendsNothing() {
        int before = bridge.mockRequests();
        TestBridge.Response dry = send("+19179056301", "+19175556001", ",\"dry_run\":true");
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        JsonNode d = dry.json().get("data");
        assertThat(d.get("encoding").asText()).isEqualTo("GSM7");
        assertThat(d.get("parts").asInt()).isEqualTo(1);
        assertThat(d.get("text").asText()).startsWith("We're open - see you at 9... \"Thanks\" ");
        assertThat(d.has("id")).isFalse();
        assertThat(bridge.mockRequests()).isEqualTo(before);
        JsonNode listed = bridge.get("/api/v1/messages?contact=%2B19175556001", "Authorization", "Bearer " + KEY)
                .json().get("data");
        assertThat(listed).isEmpty();

        TestBridge.Response asIs = send("+19179056302", "+19175556001", ",\"dry_run\":true");
        assertThat(asIs.json().at("/data/encoding").asText()).isEqualTo("UCS2");
        assertThat(asIs.json().at("/data/parts").asInt()).isEqualTo(3);

        assertThat(send("+19179056301", "+19175556001", ",\"dry_run\":\"yes\"").status()).isEqualTo(400);
    }

    @Test
    void theSendAnswerAndTheCarrierGetTheReplacedText() {
        TestBridge.Response sent = send("+19179056301", "+19175556002", "");
        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.json().at("/data/encoding").asText()).isEqualTo("GSM7");
        assertThat(sent.json().at("/data/parts").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> bridge.mock.findAll(postRequestedFor(urlEqualTo(
                "/didww/outbound_messages"))).stream().anyMatch(r -> r.getBodyAsString().contains("19175556002")));
        String body = bridge.mock.findAll(postRequestedFor(urlEqualTo("/didww/outbound_messages"))).stream()
                .filter(r -> r.getBodyAsString().contains("19175556002")).findFirst().orElseThrow().getBodyAsString();
        assertThat(body).contains("We're open - see you at 9...").doesNotContain("\\\u2019", "\u2019");
        JsonNode stored = bridge.get("/api/v1/messages/" + sent.json().at("/data/id").asText(), "Authorization",
                "Bearer " + KEY).json().get("data");
        assertThat(stored.get("encoding").asText()).isEqualTo("GSM7");
        assertThat(stored.get("segments").asInt()).isEqualTo(1);
    }
}
