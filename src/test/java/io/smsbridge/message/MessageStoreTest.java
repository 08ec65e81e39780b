package io.smsbridge.message;

import io.smsbridge.db.Database;
import io.smsbridge.db.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A status that moves on in one statement, with its history row, or not at all. */
class MessageStoreTest {

    Database db;
    MessageStore messages = new MessageStore();

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:mem:messages-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
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
    void advanceMovesAMessageInTheExpectedStatusAndWritesItsHistory() {
        insert("m1", MessageStatus.RECEIVED);

        boolean moved = db.inTransaction(c -> messages.advance(c, "m1", MessageStatus.RECEIVED,
                MessageStatus.DELIVERED_TO_PLATFORM, Instant.now()));

        assertThat(moved).isTrue();
        assertThat(db.withConnection(c -> messages.find(c, "m1")).status())
                .isEqualTo(MessageStatus.DELIVERED_TO_PLATFORM);
        assertThat(events("m1")).isEqualTo(2);
    }

    @Test
    void advanceLeavesAMessageInAnotherStatusAndAnUnknownIdAlone() {
        insert("m2", MessageStatus.DELIVERED);

        boolean other = db.inTransaction(c -> messages.advance(c, "m2", MessageStatus.RECEIVED,
                MessageStatus.DELIVERED_TO_PLATFORM, Instant.now()));
        boolean unknown = db.inTransaction(c -> messages.advance(c, "nope", MessageStatus.RECEIVED,
                MessageStatus.DELIVERED_TO_PLATFORM, Instant.now()));

        assertThat(other).isFalse();
        assertThat(unknown).isFalse();
        assertThat(db.withConnection(c -> messages.find(c, "m2")).status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(events("m2")).isEqualTo(1);
    }
}
