package io.smsbridge.edge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.core.retry.CircuitBreakers;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;

import java.time.Duration;
import java.time.Instant;

/** An integration's health as this instance sees it: its circuit breaker and its last failure (a day back). */
final class IntegrationStatus {

    private final CircuitBreakers circuits;
    private final Database db;

    IntegrationStatus(CircuitBreakers circuits, Database db) {
        this.circuits = circuits;
        this.db = db;
    }

    JsonNode of(String integrationId) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        Instant openUntil = circuits.openUntil(integrationId);
        s.put("circuit", openUntil == null ? "closed" : "open");
        s.put("open-until", openUntil == null ? null : openUntil.toString());
        Object[] last = db.withConnection(c -> Sql.one(c, "SELECT s.error_code, s.error_reason, s.updated_at"
                + " FROM messages m JOIN message_status s ON s.message_id = m.id WHERE m.integration_id = ?"
                + " AND m.created_at >= ? AND s.error_code IS NOT NULL ORDER BY s.updated_at DESC FETCH FIRST 1 ROWS ONLY",
                rs -> new Object[] {rs.getString(1), rs.getString(2), Database.instant(rs.getObject(3))},
                integrationId, Instant.now().minus(Duration.ofDays(1))));
        if (last == null) {
            s.putNull("last-error");
        } else {
            ObjectNode e = s.putObject("last-error");
            e.put("code", (String) last[0]);
            e.put("reason", (String) last[1]);
            e.put("at", last[2].toString());
        }
        return s;
    }
}
