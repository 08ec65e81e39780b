package io.smsbridge.e2e;

import io.smsbridge.db.Database;
import io.smsbridge.db.Sql;
import io.smsbridge.message.MessageStatus;
import io.smsbridge.message.MessageStore;
import io.smsbridge.message.StoredMessage;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database created by an earlier release keeps every message's state when V3 moves it to
 * {@code message_status}; runs on H2 and, in the PostgreSQL execution, on PostgreSQL.
 */
class SchemaUpgradeTest {

    Map<String, String> props = TestDatabases.create(Path.of("target", "upgrade-" + UUID.randomUUID()));

    @AfterEach
    void drop() {
        TestDatabases.drop(props);
    }

    @Test
    void aMessageStoredBeforeV3KeepsItsStatusAttemptsAndNotification() {
        Flyway.configure().dataSource(props.get("db.url"), props.get("db.user"), props.get("db.password"))
                .locations("classpath:db/migration").target("2").load().migrate();
        OffsetDateTime created = OffsetDateTime.of(2026, 11, 1, 9, 0, 0, 0, ZoneOffset.UTC);
        try (Database before = Database.open(props.get("db.url"), props.get("db.user"), props.get("db.password"), 2)) {
            before.inTransaction(c -> Sql.update(c, "INSERT INTO messages (id, organization_id, integration_id,"
                    + " direction, number, contact, contact_kind, provider, provider_message_id, status, error_code,"
                    + " error_reason, attempts, next_attempt_at, notified_status, created_at, updated_at) VALUES"
                    + " ('m-old', 'acme', 'didww-main', 'outbound', '+19179056077', '+19175550123', 'e164', 'didww',"
                    + " 'carrier-1', 'failed', '2', 'rejected', 3, NULL, 'failed', ?, ?)",
                    created, created.plusMinutes(5)));
        }

        try (Database db = Database.open(props.get("db.url"), props.get("db.user"), props.get("db.password"), 2)) {
            db.migrate();
            MessageStore messages = new MessageStore(db.isPostgres());
            StoredMessage m = db.withConnection(c -> messages.find(c, "m-old"));

            assertThat(m.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(m.errorCode()).isEqualTo("2");
            assertThat(m.errorReason()).isEqualTo("rejected");
            assertThat(m.attempts()).isEqualTo(3);
            assertThat(m.providerMessageId()).isEqualTo("carrier-1");
            assertThat(m.createdAt()).isEqualTo(created.toInstant());
            assertThat(m.updatedAt()).isEqualTo(created.plusMinutes(5).toInstant());
            // the platform was told already: it is not told again
            boolean toldAgain = db.inTransaction(c -> messages.markNotified(c, "m-old", MessageStatus.FAILED));
            assertThat(toldAgain).isFalse();
            // and the message is found by its carrier id, as a late report would
            StoredMessage byCarrierId = db.inTransaction(c -> messages.lockByProviderId(c, "didww-main", "carrier-1"));
            assertThat(byCarrierId.id()).isEqualTo("m-old");
            // its state takes changes, with their history
            db.writeAll(messages.advance("m-old", MessageStatus.FAILED, MessageStatus.DELIVERED, Instant.now()));
            assertThat(db.withConnection(c -> messages.find(c, "m-old")).status()).isEqualTo(MessageStatus.DELIVERED);
        }
    }
}
