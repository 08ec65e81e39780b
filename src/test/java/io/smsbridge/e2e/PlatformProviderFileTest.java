package io.smsbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.smsbridge.e2e.Fixtures.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The vendor framework file that describes the bridge to the softphone platform
 * (providers/platform/sms-bridge.json), used as the platform would use it: rendered by the bridge's
 * own template engine in a "platform" bridge, whose custom provider is a second bridge. A text goes
 * out through the file's SendMessage, the second bridge's id comes back through its response_map,
 * and the second bridge's platform events (delivered, the sandbox's reply) come back through the
 * file's Webhook models.
 */
class PlatformProviderFileTest {

    static final String NUMBER = "+15550100201";
    static final String BRIDGE_KEY = "bridge-side-api-key-0001-secret";
    static final String TOKEN = "platform-side-webhook-token-0001";
    TestBridge bridge;
    TestBridge platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void theShippedFileDrivesARoundTripThroughTheBridge() throws Exception {
        JsonNode file = new ObjectMapper().readTree(Path.of("providers/platform/sms-bridge.json").toFile());
        assertThat(file.at("/API/SendMessage/request_url").asText()).isEqualTo("$Bridge URL$/api/v1/messages");
        assertThat(file.at("/auth/type").asText()).isEqualTo("Bearer");

        int platformPort = AvailablePortFinder.getNextAvailable();
        // the bridge: a sandbox number that replies, whose platform is the other side's custom provider webhook
        bridge = TestBridge.start("""
                organizations:
                  - id: acme
                    domain: acme.example
                    platform: { webhook-url: "http://127.0.0.1:%d/webhooks/via-bridge?token=%s" }
                    api-keys: [ "%s" ]
                    integrations:
                      - { id: acme-sandbox, provider: sandbox, echo: true, echo-delay: 200ms, delivery-delay: 50ms }
                    numbers:
                      - { number: "%s", integration: acme-sandbox, users: [ "101@acme.example" ] }
                """.formatted(platformPort, TOKEN, BRIDGE_KEY, NUMBER), Map.of());
        // the platform's side: the same number on a custom provider described by the shipped file
        platform = TestBridge.start("""
                organizations:
                  - id: acme
                    domain: acme.example
                    platform: { webhook-url: "${mock}/platform/acme" }
                    api-keys: [ "%s" ]
                    integrations:
                      - id: via-bridge
                        provider: template:sms-bridge
                        webhook-token: %s
                        properties:
                          Bridge URL: "http://127.0.0.1:%d"
                          API key: %s
                    numbers:
                      - { number: "%s", integration: via-bridge, users: [ "101@acme.example" ] }
                """.formatted(API_KEY, TOKEN, bridge.port, BRIDGE_KEY, NUMBER),
                Map.of("camel.server.port", String.valueOf(platformPort),
                        "camel.management.port", String.valueOf(platformPort),
                        "providers.dir", "providers/platform"));
        platform.mock.stubFor(post("/platform/acme").willReturn(aResponse().withStatus(200)));

        TestBridge.Response sent = platform.postJson("/api/v1/messages", """
                {"from":"%s","to":"+46701234567","extension":"101","domain":"acme.example","content":"ping \\"1\\" ✓"}"""
                .formatted(NUMBER), "Authorization", "Bearer " + API_KEY);
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        String id = sent.json().at("/data/id").asText();

        // SendMessage reached the bridge, whose id came back through response_map
        String bridgeId = platform.carrierId(id);
        JsonNode there = bridge.get("/api/v1/messages/" + bridgeId, "Authorization", "Bearer " + BRIDGE_KEY).json()
                .get("data");
        assertThat(there.get("content").asText()).isEqualTo("ping \"1\" ✓");
        assertThat(there.get("sender_user").asText()).isEqualTo("101@acme.example");

        // the bridge's delivered event, through the file's Webhook model, delivers the platform's message
        await().atMost(Duration.ofSeconds(15)).until(() -> "delivered".equals(platform.message(id).get("status")
                .asText()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(platform.eventsAbout(id))
                .extracting(e -> e.get("method").asText()).contains("delivered"));
        // and the sandbox's reply arrives as an inbound message of the platform's side
        await().atMost(Duration.ofSeconds(15)).until(() -> !platform.eventsFrom("+46701234567").isEmpty());
        List<JsonNode> inbound = platform.eventsFrom("+46701234567");
        assertThat(inbound.get(0).get("method").asText()).isEqualTo("message");
        assertThat(inbound.get(0).at("/params/content").asText()).isEqualTo("Echo: ping \"1\" ✓");
        assertThat(inbound.get(0).at("/params/to").asText()).isEqualTo(NUMBER);
    }
}
