package io.smsbridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fat jar under load, stopped and started again: every message that got a 200 / 202 reaches the
 * platform / the carrier, or (a send in flight at a kill, on-uncertain: fail, the default) is failed
 * with "outcome unknown after restart". Killed with SIGKILL, the platform still sees each event under
 * one Idempotency-Key (repeats allowed: posts in flight at the kill), and no SMS goes to the carrier
 * twice. The restart takes the dead instance's jobs back by its stopped heartbeat, with the lease at
 * its default minute. Stopped with SIGTERM, the bridge finishes its in-flight work and exits by itself
 * within its shutdown timeout, and what it had not started waits in the database.
 */
class KillRecoveryIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String API_KEY = "kill-api-key-0001-secret-ok";
    static final String TOKEN = "kill-webhook-token-0001";
    static final int SENDERS = 16;
    static final int PLATFORM_POSTERS = 16;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    WireMockServer mock;
    Process bridge;

    @AfterEach
    void cleanUp() {
        if (bridge != null) {
            bridge.destroyForcibly();
        }
        if (mock != null) {
            mock.stop();
        }
    }

    @Test
    void aKilledBridgeLosesNoAcceptedMessage() throws Exception {
        loadStopAndRestart(false);
    }

    @Test
    void aStoppedBridgeFinishesItsWorkExitsByItselfAndLosesNoAcceptedMessage() throws Exception {
        loadStopAndRestart(true);
    }

    /** Load, then SIGTERM ({@code graceful}) or SIGKILL mid-load, then a new start that must deliver the rest. */
    void loadStopAndRestart(boolean graceful) throws Exception {
        mock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(40));
        mock.start();
        mock.stubFor(post("/platform/acme").willReturn(aResponse().withStatus(200)));
        mock.stubFor(post("/didww/outbound_messages").willReturn(aResponse().withStatus(201)
                .withBody("{\"data\":{\"type\":\"outbound_messages\",\"id\":\"{{randomValue type='UUID'}}\"}}")
                .withTransformers("response-template")));

        Path work = Files.createDirectories(Path.of("target", "kill-it", UUID.randomUUID().toString()));
        Path directory = work.resolve("directory.yaml");
        Files.writeString(directory, """
                organizations:
                  - id: acme
                    domain: acme.example
                    platform: { webhook-url: "%s/platform/acme" }
                    api-keys: [ "%s" ]
                    integrations:
                      - { id: acme-didww, provider: didww, webhook-token: "%s", username: u, password: p,
                          base-url: "%s/didww" }
                    numbers:
                      - { number: "+19179056077", integration: acme-didww, stickiness: 1h,
                          users: [ "101@acme.example", "102@acme.example" ] }
                """.formatted(mock.baseUrl(), API_KEY, TOKEN, mock.baseUrl()));
        int port = AvailablePortFinder.getNextAvailable();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dcamel.server.host=127.0.0.1", "-Dcamel.server.port=" + port, "-Dcamel.management.port=" + port,
                "-Ddb.url=jdbc:h2:file:" + work.resolve("db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                "-Ddirectory.file=" + directory, "-Djobs.poll-interval=200",
                "-Dsender.concurrency=" + SENDERS, "-Dplatform.concurrency=" + PLATFORM_POSTERS,
                "-jar", "target/sms-bridge.jar");

        bridge = start(command, work.resolve("bridge-1.log"), port);
        Set<String> inbound = ConcurrentHashMap.newKeySet();
        Set<String> outbound = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int thread = t;
            load.submit(() -> {
                for (int n = 0; running.get(); n++) {
                    String key = "k" + thread + "-" + n;
                    try {
                        if (n % 2 == 0) {
                            if (webhook(port, key, thread, n) == 200) {
                                inbound.add(key);
                            }
                        } else if (send(port, key, thread, n) == 202) {
                            outbound.add(key);
                        }
                    } catch (IOException e) {
                        // refused while the bridge is down: not accepted, not counted
                    }
                }
                return null;
            });
        }
        Thread.sleep(2500);
        if (graceful) {
            bridge.destroy(); // SIGTERM, mid-load
            // camel.main.shutdown-timeout is 15 s: past that in-flight work is cut, so past it is a failure
            assertThat(bridge.waitFor(20, TimeUnit.SECONDS)).as("exited by itself after SIGTERM").isTrue();
            assertThat(Files.readString(work.resolve("bridge-1.log"))).as("a graceful Camel stop, logs in " + work)
                    .contains("(sms-bridge) shutdown in").doesNotContain("Timeout occurred during graceful shutdown");
        } else {
            bridge.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL, mid-load
        }
        int acceptedBeforeKill = inbound.size() + outbound.size();
        Thread.sleep(300);
        running.set(false);
        load.shutdown();
        load.awaitTermination(20, TimeUnit.SECONDS);

        long restarted = System.nanoTime();
        bridge = start(command, work.resolve("bridge-2.log"), port);
        Set<String> uncertain = new HashSet<>();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!platformTexts().keySet().containsAll(inbound)) {
                    return false;
                }
                Set<String> left = new HashSet<>(outbound);
                left.removeAll(carrierTexts().keySet());
                if (left.isEmpty()) {
                    return true;
                }
                uncertain.clear();
                uncertain.addAll(failedUncertain(port));
                return uncertain.containsAll(left);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Set<String> lostIn = new HashSet<>(inbound);
            lostIn.removeAll(platformTexts().keySet());
            Set<String> lostOut = new HashSet<>(outbound);
            lostOut.removeAll(carrierTexts().keySet());
            lostOut.removeAll(failedUncertain(port));
            throw new AssertionError("accepted but never delivered: " + lostIn.size() + " of " + inbound.size()
                    + " inbound " + lostIn.stream().limit(5).toList() + ", " + lostOut.size() + " of "
                    + outbound.size() + " outbound " + lostOut.stream().limit(5).toList() + "; logs in " + work, e);
        }

        Map<String, Integer> platform = platformTexts();
        Map<String, Integer> carrier = carrierTexts();
        long platformRepeats = inbound.stream().filter(k -> platform.get(k) > 1).count();
        long carrierRepeats = outbound.stream().filter(k -> carrier.getOrDefault(k, 0) > 1).count();
        long drained = Duration.ofNanos(System.nanoTime() - restarted).toMillis();
        Set<String> failed = failedUncertain(port);
        System.out.printf("%s recovery: accepted %d inbound + %d outbound (%d before the stop); "
                + "repeated platform posts %d (same Idempotency-Key), repeated carrier sends %d, "
                + "failed as uncertain %d (of which %d had reached the carrier); all accounted for %d ms after"
                + " the restart began%n",
                graceful ? "SIGTERM" : "kill -9", inbound.size(), outbound.size(), acceptedBeforeKill,
                platformRepeats, carrierRepeats, failed.size(),
                failed.stream().filter(carrier::containsKey).count(), drained);
        assertThat(inbound.size()).isGreaterThan(20);
        assertThat(outbound.size()).isGreaterThan(20);
        assertThat(distinctKeysPerText().values()).as("one Idempotency-Key per platform event")
                .allMatch(keys -> keys.size() == 1);
        // a stop lets in-flight sends and posts finish and record it: nothing goes out twice
        assertThat(platformRepeats).isLessThanOrEqualTo(graceful ? 0 : PLATFORM_POSTERS);
        assertThat(carrierRepeats).as("on-uncertain: fail sends nothing twice").isZero();
        assertThat(failed.size()).as("at most the sends in flight at the kill").isLessThanOrEqualTo(graceful ? 0
                : SENDERS);
    }

    /** The texts of outbound messages failed as uncertain after the restart (GET /api/v1/messages, every page). */
    Set<String> failedUncertain(int port) throws IOException, InterruptedException {
        Set<String> out = new HashSet<>();
        String cursor = null;
        do {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/messages?limit=500" + (cursor == null ? "" : "&cursor=" + cursor)))
                    .header("Authorization", "Bearer " + API_KEY).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode page = JSON.readTree(r.body());
            for (JsonNode m : page.path("data")) {
                if ("failed".equals(m.path("status").asText())
                        && m.path("error_reason").asText().startsWith("outcome unknown after restart")) {
                    out.add(m.path("content").asText());
                }
            }
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        return out;
    }

    Process start(List<String> command, Path log, int port) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return p;
    }

    int webhook(int port, String key, int thread, int n) throws IOException, InterruptedException {
        String from = String.format("3704%d%06d", thread, n);
        String body = """
                {"uuid":"%s","src_addr":"%s","dst_addr":"19179056077","text_b64":"%s"}""".formatted(key, from,
                Base64.getEncoder().encodeToString(key.getBytes()));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/acme-didww?token="
                + TOKEN)).header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    int send(int port, String key, int thread, int n) throws IOException, InterruptedException {
        String to = String.format("+4670%d%07d", thread, n);
        String body = """
                {"from":"+19179056077","to":"%s","extension":"101","content":"%s"}""".formatted(to, key);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/messages"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + API_KEY)
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    Map<String, Integer> platformTexts() throws IOException {
        Map<String, Integer> out = new HashMap<>();
        for (LoggedRequest r : mock.findAll(postRequestedFor(urlEqualTo("/platform/acme")))) {
            JsonNode e = JSON.readTree(r.getBodyAsString());
            out.merge(e.at("/params/content").asText(), 1, Integer::sum);
        }
        return out;
    }

    Map<String, Set<String>> distinctKeysPerText() throws IOException {
        Map<String, Set<String>> out = new HashMap<>();
        for (LoggedRequest r : mock.findAll(postRequestedFor(urlEqualTo("/platform/acme")))) {
            JsonNode e = JSON.readTree(r.getBodyAsString());
            if (e.at("/params/content").isMissingNode()) {
                continue; // a status event (an uncertain send failed), keyed by its message, not a text
            }
            out.computeIfAbsent(e.at("/params/content").asText(), k -> new HashSet<>())
                    .add(r.getHeader("Idempotency-Key"));
        }
        return out;
    }

    Map<String, Integer> carrierTexts() throws IOException {
        Map<String, Integer> out = new HashMap<>();
        for (LoggedRequest r : mock.findAll(postRequestedFor(urlEqualTo("/didww/outbound_messages")))) {
            out.merge(JSON.readTree(r.getBodyAsString()).at("/data/attributes/content").asText(), 1, Integer::sum);
        }
        return out;
    }
}
