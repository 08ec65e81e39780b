package io.smsbridge.store;

import io.smsbridge.core.traffic.Gcra;
import io.smsbridge.core.traffic.SendRate;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Send rates held in the database, so the limit holds across every instance: each send reserves the
 * next slot of each key that limits it (its integration, its number) in one transaction, and learns
 * when it may go.
 */
public final class ThrottleStore {

    private final Database db;
    private final Set<String> rows = ConcurrentHashMap.newKeySet();

    public ThrottleStore(Database db) {
        this.db = db;
    }

    /** Reserves a slot under every limit; returns when the send may go (now when no limit waits). */
    public Instant reserve(Map<String, SendRate> limits, Instant now) {
        for (String key : limits.keySet()) {
            ensureRow(key, now);
        }
        return db.inTransaction(c -> {
            Instant at = now;
            // keys in a fixed order: two sends never lock the same pair in opposite orders
            for (String key : new java.util.TreeSet<>(limits.keySet())) {
                Instant tat = Sql.one(c, "SELECT tat FROM send_rates WHERE rate_key = ? FOR UPDATE",
                        rs -> Database.instant(rs.getObject(1)), key);
                Gcra.Slot slot = Gcra.reserve(tat, now, limits.get(key));
                Sql.update(c, "UPDATE send_rates SET tat = ? WHERE rate_key = ?", slot.nextTat(), key);
                if (slot.sendAt().isAfter(at)) {
                    at = slot.sendAt();
                }
            }
            return at;
        });
    }

    private void ensureRow(String key, Instant now) {
        if (rows.contains(key)) {
            return;
        }
        try {
            db.withConnection(c -> Sql.update(c, "INSERT INTO send_rates (rate_key, tat) SELECT ?, ?"
                    + " WHERE NOT EXISTS (SELECT 1 FROM send_rates WHERE rate_key = ?)", key, now, key));
        } catch (RuntimeException e) {
            if (!(e.getCause() instanceof SQLException sql && Database.isUniqueViolation(sql))) {
                throw e; // another instance made it at the same moment: fine
            }
        }
        rows.add(key);
    }
}
