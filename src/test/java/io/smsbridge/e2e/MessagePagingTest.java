package io.smsbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/messages in pages: limit, a cursor that survives new messages, since and until. */
class MessagePagingTest {

    static TestBridge bridge;
    static String contact;
    static final List<String> SENT = new ArrayList<>();
    static Instant middle;

    @BeforeAll
    static void start() throws Exception {
        bridge = TestBridge.start(Fixtures.DIRECTORY, Map.of());
        contact = Fixtures.contact();
        for (int i = 0; i < 7; i++) {
            if (i == 4) {
                Thread.sleep(20);
                middle = Instant.now();
                Thread.sleep(20);
            }
            TestBridge.Response r = bridge.postJson("/api/v1/messages", "{\"from\":\"" + Fixtures.STICKY + "\",\"to\":\""
                    + contact + "\",\"extension\":\"101\",\"content\":\"page " + i + "\"}",
                    "Authorization", "Bearer " + Fixtures.API_KEY);
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            SENT.add(r.json().at("/data/id").asText());
        }
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    static TestBridge.Response list(String query) {
        return bridge.get("/api/v1/messages?contact=" + URLEncoder.encode(contact, StandardCharsets.UTF_8)
                + query, "Authorization", "Bearer " + Fixtures.API_KEY);
    }

    static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("data").forEach(m -> out.add(m.get("id").asText()));
        return out;
    }

    @Test
    void pagesFollowTheCursorNewestFirstWithNothingTwiceAndNewMessagesShiftNothing() {
        JsonNode first = list("&limit=3").json();
        assertThat(ids(first)).hasSize(3);
        // a message stored after the first page is not on the later ones
        bridge.postJson("/api/v1/messages", "{\"from\":\"" + Fixtures.STICKY + "\",\"to\":\"" + contact
                + "\",\"extension\":\"101\",\"content\":\"late\"}", "Authorization", "Bearer " + Fixtures.API_KEY);
        JsonNode second = list("&limit=3&cursor=" + first.get("next_cursor").asText()).json();
        JsonNode third = list("&limit=3&cursor=" + second.get("next_cursor").asText()).json();
        assertThat(ids(third)).hasSize(1);
        assertThat(third.get("next_cursor").isNull()).isTrue();
        List<String> all = new ArrayList<>(ids(first));
        all.addAll(ids(second));
        all.addAll(ids(third));
        List<String> newestFirst = new ArrayList<>(SENT);
        Collections.reverse(newestFirst);
        assertThat(all).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void sinceAndUntilCutByTheTimeStored() {
        String at = URLEncoder.encode(middle.toString(), StandardCharsets.UTF_8);
        assertThat(ids(list("&until=" + at).json())).containsExactlyInAnyOrderElementsOf(SENT.subList(0, 4));
        assertThat(ids(list("&since=" + at).json())).containsAll(SENT.subList(4, 7)).doesNotContainAnyElementsOf(
                SENT.subList(0, 4));
    }

    @Test
    void badPagingIsRefusedSayingWhatIsAllowed() {
        TestBridge.Response big = list("&limit=501");
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.json().at("/error/message").asText()).contains("1 to 500");
        TestBridge.Response cursor = list("&cursor=not-a-cursor");
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.json().at("/error/field").asText()).isEqualTo("cursor");
        TestBridge.Response since = list("&since=yesterday");
        assertThat(since.status()).isEqualTo(400);
        assertThat(since.json().at("/error/message").asText()).contains("ISO-8601");
    }
}
