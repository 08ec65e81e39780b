package io.smsbridge.e2e;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.smsbridge.e2e.Fixtures.API_KEY;
import static io.smsbridge.e2e.Fixtures.PLATFORM_TOKEN;
import static io.smsbridge.e2e.Fixtures.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A carrier the bridge was not built with: io.smsbridge.carriers.relay exists only on the test
 * classpath, registered by one line in META-INF/services. No route file, no setting and no retry
 * table names it; its sends are judged by retry.default.*. It carries messages both ways.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClasspathCarrierTest {

    static final String NUMBER = "+19179056081";
    static final String TOKEN = "relay-webhook-token-0001";
    static final String DIRECTORY = """
            organizations:
              - id: acme
                domain: acme.example
                platform:
                  webhook-url: ${mock}/platform/acme
                  headers: { Authorization: "Bearer %s" }
                api-keys: [ "%s" ]
                integrations:
                  - id: acme-relay
                    provider: relay
                    webhook-token: %s
                    api-key: relay-api-key
                    base-url: ${mock}/relay
                numbers:
                  - { number: "%s", integration: acme-relay, country: US, stickiness: 1h,
                      users: [ "101@acme.example" ] }
            """.formatted(PLATFORM_TOKEN, API_KEY, TOKEN, NUMBER);

    TestBridge bridge;

    @BeforeAll
    void start() throws Exception {
        // only the retry.default.* back-off is shortened, for the test's sake
        bridge = TestBridge.start(DIRECTORY, Map.of("retry.default.backoff", "100ms",
                "retry.default.max-backoff", "200ms"));
        bridge.mock.stubFor(post("/platform/acme").willReturn(aResponse().withStatus(200)));
        // the carrier is down once, then takes the message
        bridge.mock.stubFor(post("/relay/messages").inScenario("relay").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        bridge.mock.stubFor(post("/relay/messages").inScenario("relay").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"rl-42\"}")));
    }

    @AfterAll
    void stop() {
        bridge.close();
    }

    @Test
    void inboundReachesThePlatform() {
        String c = contact();
        TestBridge.Response r = bridge.postJson("/webhooks/acme-relay?token=" + TOKEN,
                "{\"event\":\"message\",\"id\":\"rl-in-1\",\"from\":\"" + c + "\",\"to\":\"" + NUMBER
                        + "\",\"text\":\"hello from relay\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !bridge.eventsFrom(c).isEmpty());
        assertThat(bridge.eventsFrom(c).get(0).at("/params/content").asText()).isEqualTo("hello from relay");
    }

    @Test
    void outboundIsRetriedByTheDefaultTableThenDeliveredByItsCallback() {
        String c = contact();
        TestBridge.Response r = bridge.postJson("/api/v1/messages", """
                {"from":"%s","to":"%s","extension":"101","content":"hi relay"}""".formatted(NUMBER, c),
                "Authorization", "Bearer " + API_KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.json().at("/data/id").asText();

        assertThat(bridge.carrierId(id)).isEqualTo("rl-42");
        assertThat(bridge.mock.findAll(postRequestedFor(urlEqualTo("/relay/messages"))
                .withHeader("X-Api-Key", equalTo("relay-api-key")))).hasSize(2);

        assertThat(bridge.post("/webhooks/acme-relay?token=" + TOKEN, "application/x-www-form-urlencoded",
                "event=status&id=rl-42&state=delivered").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(bridge.message(id).path("status")
                .asText()));
    }
}
