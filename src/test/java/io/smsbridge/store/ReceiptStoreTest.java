package io.smsbridge.store;

import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.smsbridge.store.db.TestIds.id;
import static org.assertj.core.api.Assertions.assertThat;

/** Receipts: once per key; a parked report is found by its carrier id, any other receipt keeps none. */
class ReceiptStoreTest {

    Database db;
    ReceiptStore receipts = new ReceiptStore(false);

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:mem:receipts-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
        db.migrate();
    }

    @AfterEach
    void close() {
        db.close();
    }

    boolean record(String kind, String key, String providerId, String messageId, String parked, Instant at) {
        return db.inTransaction(c -> parked == null ? receipts.record(c, "int", kind, key, messageId, at)
                : receipts.park(c, "int", key, providerId, parked, at));
    }

    String storedProviderId(String key) {
        return db.withConnection(c -> Sql.one(c, "SELECT provider_message_id FROM carrier_receipts WHERE dedupe_key = ?",
                rs -> rs.getString(1), key));
    }

    @Test
    void aKeyIsRecordedOnceAndARepeatLeavesTheTransactionUsable() {
        Instant now = Instant.now();
        assertThat(record(ReceiptStore.INBOUND, "k1", "p1", id("m1"), null, now)).isTrue();

        boolean again = db.inTransaction(c -> {
            boolean repeat = receipts.record(c, "int", ReceiptStore.INBOUND, "k1", id("m1"), now);
            // the same transaction goes on after the duplicate
            boolean other = receipts.record(c, "int", ReceiptStore.INBOUND, "k2", id("m2"), now);
            return repeat || !other;
        });

        assertThat(again).isFalse();
    }

    @Test
    void aReceiptThatParksNothingKeepsNoCarrierIdSoTheParkedIndexOnlyAppends() {
        record(ReceiptStore.STATUS, "p1:delivered", "p1", id("m1"), null, Instant.now());
        record(ReceiptStore.STATUS, "p9:delivered", "p9", null, "{\"parked\":1}", Instant.now());

        assertThat(storedProviderId("p1:delivered")).isNull();
        assertThat(storedProviderId("p9:delivered")).isEqualTo("p9");
    }

    @Test
    void parkedReportsAreTakenOnceOldestFirstByTheirCarrierId() {
        Instant t = Instant.parse("2026-11-23T08:00:00Z");
        record(ReceiptStore.STATUS, "p7:sent", "p7", null, "first", t);
        record(ReceiptStore.STATUS, "p7:delivered", "p7", null, "second", t.plusSeconds(1));
        record(ReceiptStore.STATUS, "p8:delivered", "p8", null, "other", t);
        record(ReceiptStore.STATUS, "p7:seen", "p7", id("m0"), null, t);

        List<String> taken = db.inTransaction(c -> receipts.takeParked(c, "int", "p7", id("m7")));
        List<String> again = db.inTransaction(c -> receipts.takeParked(c, "int", "p7", id("m7")));

        assertThat(taken).containsExactly("first", "second");
        assertThat(again).isEmpty();
        // taken receipts leave the parked index; the other carrier id's report still waits
        assertThat(storedProviderId("p7:sent")).isNull();
        assertThat(storedProviderId("p7:delivered")).isNull();
        assertThat(storedProviderId("p8:delivered")).isEqualTo("p8");
    }
}
