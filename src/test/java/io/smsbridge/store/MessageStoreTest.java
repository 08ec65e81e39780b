package io.smsbridge.store;

import io.smsbridge.core.message.StoredMessage;

import io.smsbridge.core.message.MessageStatus;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.smsbridge.store.db.TestIds.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A status that moves on with its history row or not at all, also when many are sent in one commit;
 * locks that take the state only.
 */
class MessageStoreTest {

    Database db;
    MessageStore messages = new MessageStore(false);

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:mem:messages-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=200", "sa", "", 4)
                .withGroupCommit(1, 100);
        db.migrate();
    }

    @AfterEach
    void close() {
        db.close();
    }

    void insert(String id, MessageStatus status) {
        db.inTransaction(c -> {
            messages.insert(c, new MessageStore.NewMessage(id, "org", "int", "inbound", "+12025550100",
                    "+12025550111", "e164", null, null, List.of("alice"), false, "hi", List.of(), "GSM-7", 1,
                    "didww", "p-" + id, status), Instant.now());
            return null;
        });
    }

    int events(String id) {
        return db.withConnection(c -> Sql.one(c, "SELECT COUNT(*) FROM message_events WHERE message_id = ?",
                rs -> rs.getInt(1), id));
    }

    @Test
    void aNewMessageAsStoredIsWhatFindReadsBack() {
        Instant at = Instant.parse("2026-12-06T10:00:00.123456789Z");
        MessageStore.NewMessage outbound = new MessageStore.NewMessage(id("o1"), "org", "int", "outbound",
                "+12025550100", "+12025550111", "e164", id("c1"), "101@acme.example", null, null, "hi",
                List.of("https://example.com/a.png"), "GSM-7", 1, "didww", null, MessageStatus.QUEUED);
        MessageStore.NewMessage inbound = new MessageStore.NewMessage(id("i1"), "org", "int", "inbound",
                "+12025550100", "+12025550111", "e164", null, null, List.of("alice", "bob"), true, "hi", null,
                "UCS-2", 2, "thinq", "p-1", MessageStatus.RECEIVED);
        db.inTransaction(c -> {
            messages.insert(c, outbound, at);
            messages.insert(c, inbound, at);
            return null;
        });

        assertThat(outbound.stored(at)).isEqualTo(db.withConnection(c -> messages.find(c, id("o1"))));
        assertThat(inbound.stored(at)).isEqualTo(db.withConnection(c -> messages.find(c, id("i1"))));
    }

    @Test
    void advanceMovesAMessageInTheExpectedStatusAndWritesItsHistory() {
        insert(id("m1"), MessageStatus.RECEIVED);

        db.writeAll(messages.advance(id("m1"), MessageStatus.RECEIVED, MessageStatus.DELIVERED_TO_PLATFORM,
                Instant.now()));

        assertThat(db.withConnection(c -> messages.find(c, id("m1"))).status())
                .isEqualTo(MessageStatus.DELIVERED_TO_PLATFORM);
        assertThat(events(id("m1"))).isEqualTo(2);
    }

    @Test
    void eachStateChangeWritesItsStateAndOneHistoryRowSayingWhy() {
        insert(id("m4"), MessageStatus.QUEUED);
        Instant at = Instant.parse("2026-11-23T10:00:00Z");

        db.writeAll(messages.sending(id("m4"), "c-1", 1, at));
        StoredMessage sending = db.withConnection(c -> messages.find(c, id("m4")));
        assertThat(sending.status()).isEqualTo(MessageStatus.SENDING);
        assertThat(sending.providerMessageId()).isEqualTo("c-1");
        assertThat(sending.attempts()).isEqualTo(1);
        assertThat(lastEvent(id("m4"))).isEqualTo("sending|carrier id c-1");

        db.inTransaction(c -> {
            messages.setRetrying(c, id("m4"), 2, at.plusSeconds(60), "503", "busy", at);
            return null;
        });
        StoredMessage retrying = db.withConnection(c -> messages.find(c, id("m4")));
        assertThat(retrying.status()).isEqualTo(MessageStatus.RETRYING);
        assertThat(retrying.nextAttemptAt()).isEqualTo(at.plusSeconds(60));
        assertThat(retrying.errorCode()).isEqualTo("503");
        assertThat(lastEvent(id("m4"))).isEqualTo("retrying|attempt 2 failed: code 503: busy");

        db.inTransaction(c -> {
            messages.setStatus(c, id("m4"), MessageStatus.FAILED, "4", "x".repeat(1500), at);
            return null;
        });
        StoredMessage failed = db.withConnection(c -> messages.find(c, id("m4")));
        assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(failed.nextAttemptAt()).isNull();
        assertThat(failed.errorReason()).hasSize(1000);
        assertThat(lastEvent(id("m4"))).startsWith("failed|code 4: xxx").hasSize("failed|".length() + 1000);
        assertThat(events(id("m4"))).isEqualTo(4);
    }

    String lastEvent(String id) {
        return db.withConnection(c -> Sql.list(c, "SELECT status, detail FROM message_events WHERE message_id = ?"
                + " ORDER BY id", rs -> rs.getString(1) + "|" + rs.getString(2), id)).get(events(id) - 1);
    }

    @Test
    void advanceLeavesAMessageInAnotherStatusAndAnUnknownIdAlone() {
        insert(id("m2"), MessageStatus.DELIVERED);

        db.writeAll(messages.advance(id("m2"), MessageStatus.RECEIVED, MessageStatus.DELIVERED_TO_PLATFORM,
                Instant.now()));
        db.writeAll(messages.advance(id("nope"), MessageStatus.RECEIVED, MessageStatus.DELIVERED_TO_PLATFORM,
                Instant.now()));

        assertThat(db.withConnection(c -> messages.find(c, id("m2"))).status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(events(id("m2"))).isEqualTo(1);
        assertThat(events(id("nope"))).isZero();
    }

    @Test
    void advancesSentTogetherInOneCommitEachMoveTheirOwnMessageOnce() throws Exception {
        for (int i = 0; i < 200; i++) {
            insert(id("b" + i), i % 4 == 0 ? MessageStatus.DELIVERED : MessageStatus.RECEIVED);
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = id("b" + i);
            done.add(pool.submit(() -> db.writeAll(messages.advance(id, MessageStatus.RECEIVED,
                    MessageStatus.DELIVERED_TO_PLATFORM, Instant.now()))));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        for (int i = 0; i < 200; i++) {
            String id = id("b" + i);
            boolean wasReceived = i % 4 != 0;
            assertThat(db.withConnection(c -> messages.find(c, id)).status()).as(id)
                    .isEqualTo(wasReceived ? MessageStatus.DELIVERED_TO_PLATFORM : MessageStatus.DELIVERED);
            assertThat(events(id)).as(id).isEqualTo(wasReceived ? 2 : 1);
        }
    }

    @Test
    void lockByProviderIdHoldsTheStateAndLeavesTheWideRowAlone() throws Exception {
        insert(id("m3"), MessageStatus.SENDING);
        db.inTransaction(c -> Sql.update(c, "UPDATE messages SET direction = 'outbound' WHERE id = ?", id("m3")));

        try (Connection report = db.dataSource().getConnection();
             Connection other = db.dataSource().getConnection()) {
            report.setAutoCommit(false);
            other.setAutoCommit(false);
            StoredMessage m = messages.lockByProviderId(report, "int", "p-" + id("m3"));

            assertThat(m.id()).isEqualTo(id("m3"));
            assertThat(m.status()).isEqualTo(MessageStatus.SENDING);
            // a second report waits for the first (here: gives up after LOCK_TIMEOUT)
            assertThatThrownBy(() -> messages.lockByProviderId(other, "int", "p-" + id("m3")))
                    .isInstanceOf(SQLException.class);
            other.rollback();
            // the message row itself was not locked, so not rewritten
            assertThat(Sql.update(other, "UPDATE messages SET content = 'edited' WHERE id = ?", id("m3"))).isEqualTo(1);
            other.rollback();
            report.rollback();
        }
    }

    @Test
    void lockByProviderIdFindsOnlyOutboundMessagesOfThatIntegration() {
        insert(id("m4"), MessageStatus.SENDING);

        StoredMessage inbound = db.inTransaction(c -> messages.lockByProviderId(c, "int", "p-" + id("m4")));
        db.inTransaction(c -> Sql.update(c, "UPDATE messages SET direction = 'outbound' WHERE id = ?", id("m4")));
        StoredMessage otherIntegration = db.inTransaction(c -> messages.lockByProviderId(c, "other", "p-" + id("m4")));
        StoredMessage outbound = db.inTransaction(c -> messages.lockByProviderId(c, "int", "p-" + id("m4")));

        assertThat(inbound).isNull();
        assertThat(otherIntegration).isNull();
        assertThat(outbound.id()).isEqualTo(id("m4"));
    }
}
