package io.smsbridge.store.directory;

import io.smsbridge.core.secret.Hashes;
import io.smsbridge.core.secret.Passwords;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenant API keys: created here (shown once, stored as SHA-256), listed by id and prefix, revoked.
 * Their last use is noted in memory on each call and written at most once per flush, so the send
 * path never waits for it.
 */
public final class ApiKeys {

    public record Key(String id, String organizationId, String prefix, String label, String source,
            Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    }

    /** A new key: the only time its value is seen. */
    public record Created(Key key, String secret) {
    }

    private final Map<String, Instant> used = new ConcurrentHashMap<>();
    private final Database db;

    public ApiKeys(Database db) {
        this.db = db;
    }

    /** What a list shows of a key: its first characters. */
    public static String prefixOf(String key) {
        return key.length() <= 8 ? key.substring(0, Math.min(4, key.length())) : key.substring(0, 8);
    }

    public Created create(Connection c, String organizationId, String label, Instant now) throws SQLException {
        String secret = "sbk_" + Passwords.randomToken(30);
        String hash = Hashes.sha256(secret);
        String id = hash.substring(0, 16);
        Sql.update(c, "INSERT INTO api_keys (key_sha256, organization_id, id, prefix, label, source, created_at)"
                + " VALUES (?, ?, ?, ?, ?, 'admin', ?)", hash, organizationId, id, prefixOf(secret), label, now);
        return new Created(new Key(id, organizationId, prefixOf(secret), label, "admin", Database.asStored(now), null,
                null), secret);
    }

    public List<Key> list(Connection c, String organizationId) throws SQLException {
        return Sql.list(c, "SELECT id, organization_id, prefix, label, source, created_at, last_used_at, revoked_at"
                + " FROM api_keys WHERE organization_id = ? ORDER BY created_at, id", ApiKeys::key, organizationId);
    }

    public Key find(Connection c, String organizationId, String id) throws SQLException {
        return Sql.one(c, "SELECT id, organization_id, prefix, label, source, created_at, last_used_at, revoked_at"
                + " FROM api_keys WHERE organization_id = ? AND id = ?", ApiKeys::key, organizationId, id);
    }

    public boolean revoke(Connection c, String organizationId, String id, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE api_keys SET revoked_at = ? WHERE organization_id = ? AND id = ?"
                + " AND revoked_at IS NULL", now, organizationId, id) == 1;
    }

    /** Notes that a key (by its hash) was just used. */
    public void used(String keyHash, Instant now) {
        used.put(keyHash, now);
    }

    /** Writes the uses noted since the last flush. */
    public void flush() {
        if (used.isEmpty()) {
            return;
        }
        Map<String, Instant> batch = Map.copyOf(used);
        batch.forEach(used::remove);
        db.inTransaction(c -> {
            for (Map.Entry<String, Instant> e : batch.entrySet()) {
                Sql.update(c, "UPDATE api_keys SET last_used_at = ? WHERE key_sha256 = ?", e.getValue(), e.getKey());
            }
            return null;
        });
    }

    private static Key key(java.sql.ResultSet rs) throws SQLException {
        return new Key(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Database.instant(rs.getObject(6)), Database.instant(rs.getObject(7)), Database.instant(rs.getObject(8)));
    }
}
