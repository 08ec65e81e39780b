package io.smsbridge.e2e;

import io.smsbridge.store.Housekeeping;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Retention deletes old messages with their history in batches, keeps what is under way, and expires parked reports. */
class RetentionTest {

    static TestBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = TestBridge.start(Fixtures.DIRECTORY, Map.of("retention.messages", "30d", "retention.batch", "3",
                "retention.interval", "600000", "retention.parked-reports", "7d"));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    static long count(String sql, Object... params) {
        Database db = bridge.database();
        return db.withConnection(c -> Sql.one(c, sql, rs -> rs.getLong(1), params));
    }

    static void age(String id, Duration by) {
        Database db = bridge.database();
        db.inTransaction(c -> Sql.update(c, "UPDATE messages SET created_at = ? WHERE id = CAST(? AS UUID)",
                Instant.now().minus(by), id));
    }

    @Test
    void oldMessagesGoInBatchesAndWhatIsUnderWayStays() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TestBridge.Response r = bridge.postJson("/api/v1/messages", "{\"from\":\"" + Fixtures.SANDBOX + "\",\"to\":\""
                    + Fixtures.contact() + "\",\"extension\":\"101\",\"domain\":\"acme.example\",\"content\":\"old\"}",
                    "Authorization", "Bearer " + Fixtures.API_KEY);
            ids.add(r.json().at("/data/id").asText());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream()
                .noneMatch(id -> List.of("queued", "sending").contains(bridge.message(id).get("status").asText())));
        for (String id : ids.subList(0, 7)) {
            age(id, Duration.ofDays(40));
        }
        // one old message still on its way
        Database db = bridge.database();
        db.inTransaction(c -> Sql.update(c, "UPDATE message_status SET status = 'retrying' WHERE message_id = CAST(? AS UUID)",
                ids.get(6)));

        int deleted = bridge.bean("housekeeping", Housekeeping.class).run();
        assertThat(deleted).isEqualTo(6);
        for (String id : ids.subList(0, 6)) {
            assertThat(count("SELECT COUNT(*) FROM messages WHERE id = CAST(? AS UUID)", id)).isZero();
            assertThat(count("SELECT COUNT(*) FROM message_events WHERE message_id = CAST(? AS UUID)", id)).isZero();
            assertThat(count("SELECT COUNT(*) FROM message_status WHERE message_id = CAST(? AS UUID)", id)).isZero();
        }
        assertThat(count("SELECT COUNT(*) FROM messages WHERE id = CAST(? AS UUID)", ids.get(6))).isOne();
        assertThat(bridge.message(ids.get(7)).get("status").asText()).isNotEmpty();
        // nothing more to do
        assertThat(bridge.bean("housekeeping", Housekeeping.class).run()).isZero();
    }

    @Test
    void anOldBroadcastGoesWithTheLastOfItsMessages() {
        TestBridge.Response r = bridge.postJson("/api/v1/broadcasts", "{\"from\":\"" + Fixtures.SANDBOX + "\",\"to\":[\""
                + Fixtures.contact() + "\",\"" + Fixtures.contact() + "\"],\"extension\":\"101\",\"content\":\"old\"}",
                "Authorization", "Bearer " + Fixtures.API_KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.json().at("/data/id").asText();
        List<String> ids = r.json().at("/data/messages").findValuesAsText("id");
        await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream()
                .noneMatch(m -> List.of("queued", "sending").contains(bridge.message(m).get("status").asText())));
        Database db = bridge.database();
        db.inTransaction(c -> Sql.update(c, "UPDATE broadcasts SET created_at = ? WHERE id = CAST(? AS UUID)",
                Instant.now().minus(Duration.ofDays(40)), id));
        age(ids.get(0), Duration.ofDays(40));
        bridge.bean("housekeeping", Housekeeping.class).run();
        // one message is young: the broadcast stays
        assertThat(count("SELECT COUNT(*) FROM broadcasts WHERE id = CAST(? AS UUID)", id)).isOne();
        age(ids.get(1), Duration.ofDays(40));
        bridge.bean("housekeeping", Housekeeping.class).run();
        assertThat(count("SELECT COUNT(*) FROM broadcasts WHERE id = CAST(? AS UUID)", id)).isZero();
    }

    @Test
    void parkedReportsForUnknownIdsExpire() {
        bridge.parkSentReport("acme-didww", "never-known-old");
        bridge.parkSentReport("acme-didww", "never-known-new");
        Database db = bridge.database();
        db.inTransaction(c -> Sql.update(c, "UPDATE carrier_receipts SET received_at = ? WHERE provider_message_id = ?",
                Instant.now().minus(Duration.ofDays(8)), "never-known-old"));
        bridge.bean("housekeeping", Housekeeping.class).run();
        assertThat(bridge.hasParked("acme-didww", "never-known-old")).isFalse();
        assertThat(bridge.hasParked("acme-didww", "never-known-new")).isTrue();
    }
}
