package io.smsbridge.e2e;

import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.DatabaseException;
import io.smsbridge.store.db.Sql;
import io.smsbridge.core.message.MessageStatus;
import io.smsbridge.store.MessageStore;
import io.smsbridge.core.message.StoredMessage;
import io.smsbridge.store.ConversationStore;
import io.smsbridge.core.stickiness.Session;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database created by an earlier release keeps every message's state when V3 moves it to
 * {@code message_status}, and every row and link when V5 turns the ids into UUIDs; runs on H2 and,
 * in the PostgreSQL execution, on PostgreSQL.
 */
class SchemaUpgradeTest {

    static final String OLD = "0189f7a2-3c4d-7000-8000-000000000001";

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
                    + " ('" + OLD + "', 'acme', 'didww-main', 'outbound', '+19179056077', '+19175550123', 'e164', 'didww',"
                    + " 'carrier-1', 'failed', '2', 'rejected', 3, NULL, 'failed', ?, ?)",
                    created, created.plusMinutes(5)));
        }

        try (Database db = Database.open(props.get("db.url"), props.get("db.user"), props.get("db.password"), 2)) {
            db.migrate();
            MessageStore messages = new MessageStore(db.isPostgres());
            StoredMessage m = db.withConnection(c -> messages.find(c, OLD));

            assertThat(m.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(m.errorCode()).isEqualTo("2");
            assertThat(m.errorReason()).isEqualTo("rejected");
            assertThat(m.attempts()).isEqualTo(3);
            assertThat(m.providerMessageId()).isEqualTo("carrier-1");
            assertThat(m.createdAt()).isEqualTo(created.toInstant());
            assertThat(m.updatedAt()).isEqualTo(created.plusMinutes(5).toInstant());
            // the platform was told already: it is not told again
            boolean toldAgain = db.inTransaction(c -> messages.markNotified(c, OLD, MessageStatus.FAILED));
            assertThat(toldAgain).isFalse();
            // and the message is found by its carrier id, as a late report would
            StoredMessage byCarrierId = db.inTransaction(c -> messages.lockByProviderId(c, "didww-main", "carrier-1"));
            assertThat(byCarrierId.id()).isEqualTo(OLD);
            // its state takes changes, with their history
            db.writeAll(messages.advance(OLD, MessageStatus.FAILED, MessageStatus.DELIVERED, Instant.now()));
            assertThat(db.withConnection(c -> messages.find(c, OLD)).status()).isEqualTo(MessageStatus.DELIVERED);
        }
    }

    @Test
    void idsStoredAsTextBeforeV5KeepTheirRowsAndLinks() {
        // the release before V5, with this database's own migrations as the bridge applies them
        Flyway.configure().dataSource(props.get("db.url"), props.get("db.user"), props.get("db.password"))
                .locations(Database.migrationLocations(props.get("db.url").startsWith("jdbc:postgresql:")))
                .target("4").load().migrate();
        String conversation = "0189f7a2-3c4d-7000-8000-0000000000c1";
        String session = "0189f7a2-3c4d-7000-8000-0000000000a1";
        String message = "0189f7a2-3c4d-7000-8000-0000000000e1";
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 1, 9, 0, 0, 0, ZoneOffset.UTC);
        try (Database before = Database.open(props.get("db.url"), props.get("db.user"), props.get("db.password"), 2)) {
            before.inTransaction(c -> {
                Sql.update(c, "INSERT INTO conversations (id, number, contact, created_at) VALUES (?, '+19179056077',"
                        + " '+19175550123', ?)", conversation, at);
                Sql.update(c, "INSERT INTO sticky_sessions (id, conversation_id, owner_user, started_at, expires_at)"
                        + " VALUES (?, ?, '101@acme.example', ?, ?)", session, conversation, at, at.plusYears(10));
                Sql.update(c, "INSERT INTO messages (id, organization_id, integration_id, direction, number, contact,"
                        + " contact_kind, conversation_id, sender_user, provider, provider_message_id, created_at)"
                        + " VALUES (?, 'acme', 'didww-main', 'outbound', '+19179056077', '+19175550123', 'e164', ?,"
                        + " '101@acme.example', 'didww', 'carrier-2', ?)", message, conversation, at);
                Sql.update(c, "INSERT INTO message_status (message_id, status, attempts, updated_at)"
                        + " VALUES (?, 'sending', 1, ?)", message, at);
                Sql.update(c, "INSERT INTO message_events (message_id, status, created_at) VALUES (?, 'queued', ?)",
                        message, at);
                Sql.update(c, "INSERT INTO jobs (kind, message_id, organization_id, state, attempts, next_attempt_at,"
                        + " created_at, updated_at) VALUES ('platform-post', ?, 'acme', 'ready', 0, ?, ?, ?)",
                        message, at, at, at);
                return Sql.update(c, "INSERT INTO carrier_receipts (integration_id, kind, dedupe_key, message_id,"
                        + " received_at) VALUES ('didww-main', 'status', 'carrier-2:sent', ?, ?)", message, at);
            });
        }

        try (Database db = Database.open(props.get("db.url"), props.get("db.user"), props.get("db.password"), 2)) {
            db.migrate();
            MessageStore messages = new MessageStore(db.isPostgres());
            ConversationStore conversations = new ConversationStore(db);

            assertThat(conversations.ensure("+19179056077", "+19175550123")).isEqualTo(conversation);
            Session open = db.inTransaction(c -> conversations.lockAndGetSession(c, conversation));
            assertThat(open.id()).isEqualTo(session);
            assertThat(open.owner()).isEqualTo("101@acme.example");
            StoredMessage m = db.inTransaction(c -> messages.lockByProviderId(c, "didww-main", "carrier-2"));
            assertThat(m.id()).isEqualTo(message);
            assertThat(m.conversationId()).isEqualTo(conversation);
            assertThat(m.status()).isEqualTo(MessageStatus.SENDING);
            db.writeAll(messages.advance(message, MessageStatus.SENDING, MessageStatus.SENT, Instant.now()));
            List<String> history = db.withConnection(c -> Sql.list(c, "SELECT status FROM message_events"
                    + " WHERE message_id = CAST(? AS UUID) ORDER BY id", rs -> rs.getString(1), message));
            assertThat(history).containsExactly("queued", "sent");
            String jobMessage = db.withConnection(c -> Sql.one(c, "SELECT message_id FROM jobs", rs -> rs.getString(1)));
            String receiptMessage = db.withConnection(c -> Sql.one(c, "SELECT message_id FROM carrier_receipts",
                    rs -> rs.getString(1)));
            assertThat(jobMessage).isEqualTo(message);
            assertThat(receiptMessage).isEqualTo(message);
            // the foreign key came back: a session of no conversation is refused
            assertThatThrownBy(() -> db.inTransaction(c -> {
                conversations.open(c, "0189f7a2-3c4d-7000-8000-00000000dead", "102@acme.example", Instant.now(),
                        Instant.now().plusSeconds(60));
                return null;
            })).isInstanceOf(DatabaseException.class);
        }
    }
}
