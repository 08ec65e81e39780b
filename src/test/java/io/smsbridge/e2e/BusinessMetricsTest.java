package io.smsbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.smsbridge.e2e.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The series an operator alerts on, scraped over HTTP after real traffic: messages per integration,
 * direction and event, carriers' answers by class and status, send latency, the outbox backlog,
 * circuits and platform posts; and health and metrics on a management port of their own.
 */
class BusinessMetricsTest {

    static final String DIDWW = "/didww/outbound_messages";
    TestBridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void trafficShowsInTheBusinessSeries() throws Exception {
        bridge = TestBridge.start(DIRECTORY, Map.of("retry.didww.backoff", "1h", "retry.didww.max-backoff", "1h"));
        bridge.mock.stubFor(post("/platform/acme").willReturn(aResponse().withStatus(200)));
        bridge.mock.stubFor(post(DIDWW).atPriority(9).willReturn(aResponse().withStatus(201)
                .withBody("{\"data\":{\"type\":\"outbound_messages\",\"id\":\"{{randomValue type='UUID'}}\"}}")
                .withTransformers("response-template")));
        // one refused for good (DIDWW 400 code 2), one refused for now (503: retried in an hour)
        bridge.mock.stubFor(post(DIDWW).atPriority(1).withRequestBody(containing("46700000001"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/vnd.api+json")
                        .withBody("{\"errors\":[{\"code\":\"2\",\"detail\":\"SMS destination address is not allowed\"}]}")));
        bridge.mock.stubFor(post(DIDWW).atPriority(1).withRequestBody(containing("46700000002"))
                .willReturn(aResponse().withStatus(503)));

        String sent = send(STICKY, "+46700000000");
        String failed = send(STICKY, "+46700000001");
        send(STICKY, "+46700000002");
        bridge.carrierId(sent);
        // the sandbox reports its sends delivered
        String delivered = send(SANDBOX, "+46700000003");
        assertThat(bridge.postJson("/webhooks/acme-didww?token=" + DIDWW_TOKEN, """
                {"uuid":"metrics-in-1","src_addr":"46700000009","dst_addr":"19179056077","text_b64":"aGk="}""")
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "failed".equals(bridge.message(failed).get("status")
                .asText()) && "delivered".equals(bridge.message(delivered).get("status").asText()));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String m = bridge.get("/observe/metrics").body();
            assertThat(value(m, "smsbridge_messages_total", "direction=\"outbound\"", "event=\"accepted\"",
                    "integration=\"acme-didww\"")).isEqualTo(3);
            assertThat(value(m, "smsbridge_messages_total", "event=\"sent\"", "integration=\"acme-didww\"")).isEqualTo(1);
            assertThat(value(m, "smsbridge_messages_total", "event=\"delivered\"", "integration=\"acme-sandbox\""))
                    .isEqualTo(1);
            assertThat(value(m, "smsbridge_messages_total", "event=\"failed\"", "integration=\"acme-didww\""))
                    .isEqualTo(1);
            assertThat(value(m, "smsbridge_messages_total", "direction=\"inbound\"", "event=\"accepted\"",
                    "integration=\"acme-didww\"")).isEqualTo(1);
            assertThat(value(m, "smsbridge_carrier_answers_total", "class=\"ok\"", "status=\"201\"")).isEqualTo(1);
            assertThat(value(m, "smsbridge_carrier_answers_total", "class=\"permanent\"", "status=\"400\""))
                    .isEqualTo(1);
            assertThat(value(m, "smsbridge_carrier_answers_total", "class=\"retryable\"", "status=\"503\""))
                    .isEqualTo(1);
            assertThat(value(m, "smsbridge_send_latency_seconds_count", "integration=\"acme-didww\"")).isEqualTo(1);
            assertThat(m).contains("smsbridge_send_latency_seconds_bucket{");
            // the 503's retry waits in the outbox, and is not late: it is due in an hour
            assertThat(value(m, "smsbridge_outbox_jobs", "kind=\"carrier-send\"")).isEqualTo(1);
            assertThat(value(m, "smsbridge_outbox_oldest_seconds", "kind=\"carrier-send\"")).isEqualTo(0);
            assertThat(value(m, "smsbridge_outbox_jobs", "kind=\"platform-post\"")).isEqualTo(0);
            assertThat(value(m, "smsbridge_circuit_open", "integration=\"acme-didww\"")).isEqualTo(0);
            assertThat(value(m, "smsbridge_platform_posts_total", "organization=\"acme\"", "result=\"ok\""))
                    .isGreaterThanOrEqualTo(3);
        });
        // the shipped dashboard and alert rules name only series the bridge serves
        String scrape = bridge.get("/observe/metrics").body();
        Set<String> served = new TreeSet<>();
        Matcher names = Pattern.compile("^(smsbridge_\\w+?)(\\{| )", Pattern.MULTILINE).matcher(scrape);
        while (names.find()) {
            served.add(names.group(1));
        }
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("deploy/grafana/sms-bridge.json").toFile());
        List<String> exprs = new ArrayList<>(dashboard.findValuesAsText("expr"));
        assertThat(exprs).hasSizeGreaterThan(10);
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(Path.of("deploy/prometheus/alerts.yml").toFile())
                .at("/groups/0/rules");
        assertThat(rules.findValuesAsText("alert")).contains("SmsBridgeBacklogNotDraining", "SmsBridgeCircuitOpen",
                "SmsBridgeFailureRate");
        for (JsonNode rule : rules) {
            assertThat(rule.path("labels").path("severity").asText()).as(rule.toString()).isNotEmpty();
            assertThat(rule.path("annotations").path("summary").asText()).as(rule.toString()).isNotEmpty();
            exprs.add(rule.path("expr").asText());
        }
        for (String expr : exprs) {
            Matcher used = Pattern.compile("smsbridge_\\w+").matcher(expr);
            while (used.find()) {
                assertThat(served).as("%s in %s", used.group(), expr).contains(used.group());
            }
        }
    }

    @Test
    void healthAndMetricsCanHaveAPortOfTheirOwn() throws Exception {
        int management = AvailablePortFinder.getNextAvailable();
        bridge = TestBridge.start(DIRECTORY, Map.of("management.port", String.valueOf(management),
                "camel.management.port", "{{management.port}}"));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management
                + "/observe/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("smsbridge_outbox_jobs");
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management
                + "/observe/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        TestBridge.Response onPublic = bridge.get("/observe/metrics");
        assertThat(onPublic.status()).as("not on the public port").isEqualTo(404);
        assertThat(bridge.get("/api/v1/messages", "Authorization", "Bearer " + API_KEY).status()).isEqualTo(200);
    }

    String send(String from, String to) {
        TestBridge.Response r = bridge.postJson("/api/v1/messages", """
                {"from":"%s","to":"%s","extension":"101","content":"metrics"}""".formatted(from, to),
                "Authorization", "Bearer " + API_KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().at("/data/id").asText();
    }

    /** The value of the one sample of {@code name} whose labels contain all of {@code labels}. */
    static double value(String scrape, String name, String... labels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE)
                .matcher(scrape);
        double found = Double.NaN;
        while (m.find()) {
            boolean all = true;
            for (String l : labels) {
                all &= m.group(1).contains(l);
            }
            if (all) {
                if (!Double.isNaN(found)) {
                    throw new AssertionError("more than one " + name + " sample with " + String.join(",", labels));
                }
                found = Double.parseDouble(m.group(2));
            }
        }
        if (Double.isNaN(found)) {
            throw new AssertionError("no " + name + " sample with " + String.join(",", labels));
        }
        return found;
    }
}
