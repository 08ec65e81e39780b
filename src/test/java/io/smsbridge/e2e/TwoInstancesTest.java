package io.smsbridge.e2e;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.smsbridge.store.db.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.smsbridge.e2e.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two bridges on one PostgreSQL share the work: no job is taken twice, a carrier's repeat sent to
 * both is stored once, and concurrent messages of one contact leave one consistent session.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {

    TestBridge a;
    TestBridge b;
    final ExecutorService pool = Executors.newFixedThreadPool(16);

    @BeforeAll
    void start() throws Exception {
        assumeTrue(TestDatabases.KIND.equals("postgresql"), "two instances need a shared PostgreSQL");
        a = TestBridge.start(DIRECTORY, Map.of());
        b = a.sibling();
        a.mock.stubFor(post("/platform/acme").willReturn(aResponse().withStatus(200)));
        a.mock.stubFor(post("/didww/outbound_messages").willReturn(aResponse().withStatus(201)
                .withBody("{\"data\":{\"type\":\"outbound_messages\",\"id\":\"{{randomValue type='UUID'}}\"}}")
                .withTransformers("response-template")));
    }

    @AfterAll
    void stop() {
        pool.shutdownNow();
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    <T> List<T> all(List<Callable<T>> tasks) throws Exception {
        List<T> out = new ArrayList<>();
        for (Future<T> f : pool.invokeAll(tasks)) {
            out.add(f.get());
        }
        return out;
    }

    TestBridge.Response inbound(TestBridge bridge, String uuid, String contact, String text) {
        return bridge.postJson("/webhooks/acme-didww?token=" + DIDWW_TOKEN, """
                {"uuid":"%s","src_addr":"%s","dst_addr":"19179056077","text_b64":"%s"}""".formatted(uuid,
                contact.substring(1), Base64.getEncoder().encodeToString(text.getBytes())));
    }

    TestBridge.Response send(TestBridge bridge, String contact, String extension, String text) {
        return bridge.postJson("/api/v1/messages", """
                {"from":"%s","to":"%s","extension":"%s","content":"%s"}""".formatted(STICKY, contact, extension, text),
                "Authorization", "Bearer " + API_KEY);
    }

    @Test
    void aRepeatDeliveredToBothInstancesIsStoredAndPostedOnce() throws Exception {
        List<Callable<Integer>> tasks = new ArrayList<>();
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String c = contact();
            contacts.add(c);
            for (TestBridge bridge : List.of(a, b, a, b)) {
                tasks.add(() -> inbound(bridge, "twin-" + c, c, "twin " + c).status());
            }
        }
        List<Integer> statuses = all(tasks);
        assertThat(statuses).containsOnly(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> contacts.stream().allMatch(c -> posts(c) >= 1));
        Thread.sleep(1000);
        for (String c : contacts) {
            assertThat(posts(c)).as("platform posts for " + c).isEqualTo(1);
        }
        Integer stored = a.database().withConnection(c -> Sql.one(c,
                "SELECT COUNT(*) FROM messages WHERE content LIKE 'twin %'", rs -> rs.getInt(1)));
        assertThat(stored).isEqualTo(40);
    }

    long posts(String contact) {
        return a.platformPosts("/platform/acme").stream()
                .filter(e -> contact.equals(e.at("/params/from").asText())).count();
    }

    @Test
    void everySendIsTakenByOneInstanceOnly() throws Exception {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            TestBridge bridge = i % 2 == 0 ? a : b;
            String text = "once-" + i;
            tasks.add(() -> send(bridge, contact(), "101", text).status());
        }
        List<Integer> statuses = all(tasks);
        assertThat(statuses).containsOnly(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> sent("once-").size() >= 120);
        Thread.sleep(1500); // both pollers had time to take anything twice
        Map<String, Integer> perText = new HashMap<>();
        for (LoggedRequest r : sent("once-")) {
            String body = r.getBodyAsString();
            String text = body.substring(body.indexOf("once-"), body.indexOf('"', body.indexOf("once-")));
            perText.merge(text, 1, Integer::sum);
        }
        assertThat(perText).hasSize(120);
        assertThat(perText.values()).containsOnly(1);
    }

    List<LoggedRequest> sent(String marker) {
        return a.mock.findAll(postRequestedFor(urlEqualTo("/didww/outbound_messages"))).stream()
                .filter(r -> r.getBodyAsString().contains(marker)).toList();
    }

    @Test
    void concurrentMessagesOfOneContactLeaveOneConsistentSession() throws Exception {
        ConversationRace.run(a.database(), STICKY, 15, List.of(
                c -> send(a, c, "101", "from 101").status(),
                c -> send(b, c, "102", "from 102").status(),
                c -> inbound(a, "race-a-" + c, c, "reply a").status(),
                c -> inbound(b, "race-b-" + c, c, "reply b").status(),
                c -> send(b, c, "101", "again 101").status()));
    }
}
