package io.smsbridge.e2e;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.smsbridge.e2e.Fixtures.DIDWW_TOKEN;
import static io.smsbridge.e2e.Fixtures.DIRECTORY;
import static io.smsbridge.e2e.Fixtures.STICKY;
import static io.smsbridge.e2e.Fixtures.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator's edited copy of a route file, in routes.custom-dir, replaces the shipped file: here a
 * copy of 30-platform.camel.yaml that tags every platform post with a header.
 */
class CustomRoutesTest {

    @Test
    void anEditedCopyOfARouteFileReplacesTheShippedOne() throws Exception {
        Path custom = Files.createDirectories(Path.of("target", "custom-routes", UUID.randomUUID().toString()));
        String shipped = Files.readString(Path.of("routes", "30-platform.camel.yaml"));
        String edited = shipped.replace("""
                              - doTry:
                                  steps:
                """, """
                              - setHeader:
                                  name: X-Bridge-Tag
                                  constant: tagged-by-operator
                              - doTry:
                                  steps:
                """);
        assertThat(edited).isNotEqualTo(shipped);
        Files.writeString(custom.resolve("30-platform.camel.yaml"), edited);

        try (TestBridge bridge = TestBridge.start(DIRECTORY, Map.of("routes.custom-dir", custom.toString()))) {
            bridge.mock.stubFor(post("/platform/acme").willReturn(aResponse().withStatus(200)));
            String c = contact();
            String b64 = Base64.getEncoder().encodeToString("Hi".getBytes());
            assertThat(bridge.postJson("/webhooks/acme-didww?token=" + DIDWW_TOKEN, """
                    {"uuid":"custom-%s","src_addr":"%s","dst_addr":"%s","text_b64":"%s"}"""
                    .formatted(c, c.substring(1), STICKY.substring(1), b64)).status()).isEqualTo(200);
            await().until(() -> bridge.eventsFrom(c).size() == 1);
            List<LoggedRequest> posts = bridge.mock.findAll(postRequestedFor(urlEqualTo("/platform/acme")));
            assertThat(posts).allSatisfy(p -> assertThat(p.getHeader("X-Bridge-Tag")).isEqualTo("tagged-by-operator"));
        }
    }

    @Test
    void inDevModeAnEditedRouteFileIsReloadedAndTheOtherFlowsKeepRunning() throws Exception {
        Path custom = Files.createDirectories(Path.of("target", "custom-routes", UUID.randomUUID().toString()));
        Path file = custom.resolve("hello.camel.yaml");
        String route = """
                - route:
                    id: operator-hello
                    from:
                      uri: platform-http:/operator/hello
                      steps:
                        - setBody:
                            constant: "%s"
                """;
        Files.writeString(file, route.formatted("first"));
        try (TestBridge bridge = TestBridge.start(DIRECTORY, Map.of("routes.custom-dir", custom.toString(),
                "routes.reload", "true"))) {
            assertThat(bridge.get("/operator/hello").body()).isEqualTo("first");
            Files.writeString(file, route.formatted("second"));
            await().atMost(java.time.Duration.ofSeconds(15))
                    .until(() -> "second".equals(bridge.get("/operator/hello").body()));
            // the shipped flows were not removed by the reload
            assertThat(bridge.get("/api/v1/messages?number=%2B19179056077&contact=%2B12025550143", "Authorization",
                    "Bearer " + Fixtures.API_KEY).status()).isEqualTo(200);
        }
    }

    /** A copy kept under an earlier release's file name is added beside the shipped file: the start says so. */
    @Test
    void aCopyUnderAnOldFileNameStopsTheStartOnItsRouteId() throws Exception {
        Path custom = Files.createDirectories(Path.of("target", "custom-routes", UUID.randomUUID().toString()));
        Files.copy(Path.of("routes", "30-platform.camel.yaml"), custom.resolve("platform.camel.yaml"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestBridge.start(DIRECTORY,
                Map.of("routes.custom-dir", custom.toString()))).hasStackTraceContaining("platform-post");
    }
}
