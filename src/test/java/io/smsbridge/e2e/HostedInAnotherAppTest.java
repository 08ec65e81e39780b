package io.smsbridge.e2e;

import io.smsbridge.boot.Application;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bridge as a library of another Camel Main application (an ESB hosting several integrations):
 * {@link Application#install} adds its settings, route files and beans next to the host's own
 * routes; both serve on the one HTTP server, and a message goes through the bridge.
 */
class HostedInAnotherAppTest {

    static final String KEY = "esb-host-api-key-0001-secret";

    @Test
    void theBridgeRunsInsideAnotherCamelMainNextToItsRoutes() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "e2e", UUID.randomUUID().toString()));
        Path directory = work.resolve("directory.yaml");
        Files.writeString(directory, """
                organizations:
                  - id: acme
                    domain: acme.example
                    api-keys: [ "%s" ]
                    integrations:
                      - { id: acme-sandbox, provider: sandbox, delivery-delay: 50ms }
                    numbers:
                      - { number: "+15550100301", integration: acme-sandbox, users: [ "101@acme.example" ] }
                """.formatted(KEY));
        int port = AvailablePortFinder.getNextAvailable();
        Map<String, String> props = new HashMap<>(TestDatabases.create(work));
        props.put("camel.server.host", "127.0.0.1");
        props.put("camel.server.port", String.valueOf(port));
        props.put("camel.management.port", String.valueOf(port));
        props.put("directory.file", directory.toString());

        Main host = new Main();
        host.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                // the host's own integration, on the same HTTP server
                from("platform-http:/esb/ping").routeId("esb-ping").setBody(constant("pong"));
            }
        });
        Application.install(host, props);
        host.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ping = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/esb/ping")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ping.statusCode()).isEqualTo(200);
            assertThat(ping.body()).isEqualTo("pong");
            assertThat(host.getCamelContext().getRoute("esb-ping")).isNotNull();
            assertThat(host.getCamelContext().getRoute("carrier-send")).as("the bridge's routes").isNotNull();

            HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/messages")).header("Authorization", "Bearer " + KEY)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                            {"from":"+15550100301","to":"+46701234567","extension":"101","content":"hosted"}"""))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sent.body()).at("/data/id").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/api/v1/messages/" + id)).header("Authorization", "Bearer " + KEY)
                    .build(), HttpResponse.BodyHandlers.ofString()).body().contains("\"status\":\"delivered\""));
        } finally {
            host.stop();
            TestDatabases.drop(props);
        }
    }
}
