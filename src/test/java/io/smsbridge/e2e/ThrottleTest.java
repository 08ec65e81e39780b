package io.smsbridge.e2e;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A send rate set in the directory holds across two instances of one database (the slots are in
 * it): what the carrier receives stays at the rate, every message gets there (none is refused), and
 * the waits show on /observe/metrics.
 */
class ThrottleTest {

    static final String KEY = "throttle-api-key-0001-secret";
    static final String DIRECTORY = """
            organizations:
              - id: acme
                domain: acme.example
                api-keys: [ "%s" ]
                integrations:
                  - id: slow-didww
                    provider: didww
                    webhook-token: throttle-token-0001-secret
                    username: u
                    password: p
                    base-url: ${mock}/didww
                    rate: 10/s
                    burst: 1
                  - id: fast-didww
                    provider: didww
                    webhook-token: throttle-token-0002-secret
                    username: u
                    password: p
                    base-url: ${mock}/fast
                numbers:
                  - { number: "+19179056101", integration: slow-didww, users: [ "101@acme.example" ] }
                  - { number: "+19179056102", integration: fast-didww, users: [ "101@acme.example" ] }
                  - { number: "+19179056103", integration: fast-didww, rate: 2/s, burst: 2, users: [ "101@acme.example" ] }
            """.formatted(KEY);

    static TestBridge a;
    static TestBridge b;

    @BeforeAll
    static void start() throws Exception {
        a = TestBridge.start(DIRECTORY, Map.of("jobs.poll-interval", "50"));
        b = a.sibling();
        for (String path : List.of("/didww/outbound_messages", "/fast/outbound_messages")) {
            a.mock.stubFor(post(path).willReturn(aResponse().withStatus(201)
                    .withBody("{\"data\":{\"type\":\"outbound_messages\",\"id\":\"{{randomValue type='UUID'}}\"}}")
                    .withTransformers("response-template")));
        }
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    static void send(TestBridge via, String from, String to) {
        TestBridge.Response r = via.postJson("/api/v1/messages", """
                {"from":"%s","to":"%s","extension":"101","domain":"acme.example","content":"rate test"}"""
                .formatted(from, to), "Authorization", "Bearer " + KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
    }

    static double observedRate(List<LoggedRequest> requests) {
        List<Long> at = requests.stream().map(r -> r.getLoggedDate().getTime()).sorted(Comparator.naturalOrder())
                .toList();
        return (at.size() - 1) * 1000.0 / (at.get(at.size() - 1) - at.get(0));
    }

    @Test
    void anIntegrationsRateHoldsAcrossTwoInstancesAndNothingIsDropped() {
        List<Thread> senders = new ArrayList<>();
        for (TestBridge via : List.of(a, b)) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < 20; i++) {
                    send(via, "+19179056101", "+1917555" + (via == a ? "1" : "2") + String.format("%03d", i));
                }
            });
            t.start();
            senders.add(t);
        }
        senders.forEach(t -> {
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // meanwhile another carrier is not held up
        send(a, "+19179056102", "+19175553001");
        await().atMost(Duration.ofSeconds(3)).until(() -> a.mock.findAll(postRequestedFor(urlEqualTo(
                "/fast/outbound_messages"))).stream().anyMatch(r -> r.getBodyAsString().contains("19175553001")));

        await().atMost(Duration.ofSeconds(15)).until(() -> a.mock.findAll(postRequestedFor(urlEqualTo(
                "/didww/outbound_messages"))).size() == 40);
        double rate = observedRate(a.mock.findAll(postRequestedFor(urlEqualTo("/didww/outbound_messages"))));
        System.out.printf("throttle: 40 sends through two instances at rate 10/s: observed %.2f/s%n", rate);
        assertThat(rate).isBetween(8.0, 11.0);
        assertThat(a.get("/observe/metrics").body()).containsPattern("smsbridge_throttled_sends_total [1-9]");
    }

    @Test
    void aNumbersOwnRateHoldsItsSendsAlone() {
        for (int i = 0; i < 8; i++) {
            send(i % 2 == 0 ? a : b, "+19179056103", "+1917555" + String.format("4%03d", i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> a.mock.findAll(postRequestedFor(urlEqualTo(
                "/fast/outbound_messages"))).stream().filter(r -> r.getBodyAsString().contains("\"1917555")
                && r.getBodyAsString().contains("5554")).count() == 8);
        List<LoggedRequest> sent = a.mock.findAll(postRequestedFor(urlEqualTo("/fast/outbound_messages"))).stream()
                .filter(r -> r.getBodyAsString().contains("5554")).toList();
        // burst 2 at once, then 2/s: the last of 8 goes about 3 s after the first
        long spanMs = sent.stream().mapToLong(r -> r.getLoggedDate().getTime()).max().orElseThrow()
                - sent.stream().mapToLong(r -> r.getLoggedDate().getTime()).min().orElseThrow();
        assertThat(spanMs).isBetween(2500L, 4500L);
    }
}
