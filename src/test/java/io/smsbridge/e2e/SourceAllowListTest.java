package io.smsbridge.e2e;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** allowed-sources: a carrier's webhooks from elsewhere get 403 and store nothing; X-Forwarded-For only when trusted. */
class SourceAllowListTest {

    static final String DIRECTORY = """
            organizations:
              - id: acme
                domain: acme.example
                api-keys: [ "allow-api-key-0001-secret" ]
                integrations:
                  - { id: far, provider: didww, webhook-token: allow-webhook-token-1, username: u, password: p,
                      allowed-sources: "203.0.113.0/24, 2001:db8::/32" }
                  - { id: near, provider: didww, webhook-token: allow-webhook-token-2, username: u, password: p,
                      allowed-sources: "127.0.0.0/8" }
                numbers:
                  - { number: "+19179056401", integration: far, users: [ "101@acme.example" ] }
                  - { number: "+19179056402", integration: near, users: [ "101@acme.example" ] }
            """;

    static TestBridge.Response inbound(TestBridge bridge, String integration, String token, String number,
            String... headers) {
        String b64 = Base64.getEncoder().encodeToString("hi".getBytes(StandardCharsets.UTF_8));
        return bridge.postJson("/webhooks/" + integration + "?token=" + token, """
                {"uuid":"%s","src_addr":"15550001111","dst_addr":"%s","text_b64":"%s","time":"Tue, 03 Jun 2025 14:05:09 GMT"}"""
                .formatted(java.util.UUID.randomUUID(), number.substring(1), b64), headers);
    }

    @Test
    void onlyTheListedAddressesMayPost() throws Exception {
        try (TestBridge bridge = TestBridge.start(DIRECTORY, Map.of())) {
            TestBridge.Response refused = inbound(bridge, "far", "allow-webhook-token-1", "+19179056401");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().at("/error/message").asText()).contains("127.0.0.1", "allowed-sources");
            // a client's own X-Forwarded-For is not believed by default
            assertThat(inbound(bridge, "far", "allow-webhook-token-1", "+19179056401", "X-Forwarded-For", "203.0.113.5")
                    .status()).isEqualTo(403);
            // the wrong address is refused before the token is looked at
            assertThat(inbound(bridge, "far", "wrong-token-000000", "+19179056401").status()).isEqualTo(403);
            assertThat(inbound(bridge, "near", "allow-webhook-token-2", "+19179056402").status()).isEqualTo(200);
            assertThat(bridge.get("/api/v1/messages", "Authorization", "Bearer allow-api-key-0001-secret").json()
                    .get("data").size()).isEqualTo(1);
        }
    }

    @Test
    void behindATrustedProxyTheForwardedAddressCounts() throws Exception {
        try (TestBridge bridge = TestBridge.start(DIRECTORY, Map.of("webhooks.trust-forwarded-for", "true",
                "webhooks.trusted-proxies", "127.0.0.1/32"))) {
            assertThat(inbound(bridge, "far", "allow-webhook-token-1", "+19179056401", "X-Forwarded-For",
                    "198.51.100.1, 203.0.113.5").status()).isEqualTo(200);
            assertThat(inbound(bridge, "far", "allow-webhook-token-1", "+19179056401", "X-Forwarded-For",
                    "203.0.113.5, 198.51.100.1").status()).isEqualTo(403);
            assertThat(inbound(bridge, "far", "allow-webhook-token-1", "+19179056401").status()).isEqualTo(403);
        }
    }

    @Test
    void aBadRangeOrATrustWithoutProxiesStopsTheStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestBridge.start(DIRECTORY.replace("127.0.0.0/8",
                "127.0.0.0/99"), Map.of())).hasStackTraceContaining("allowed-sources");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestBridge.start(DIRECTORY, Map.of(
                "webhooks.trust-forwarded-for", "true"))).hasStackTraceContaining("webhooks.trusted-proxies");
    }
}
