package io.smsbridge.store.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsbridge.core.directory.Directory;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.directory.Organization;
import io.smsbridge.core.directory.SmsNumber;
import io.smsbridge.core.secret.Hashes;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The directory in the database. Its tables (organizations, integrations, numbers, users) are what
 * messages and queries join on; they are rewritten from the directory in force in one transaction:
 * entries that left it are marked inactive (messages keep pointing at them), assignments replaced,
 * credentials left out. In database mode the directory itself is one document in the file's shape
 * (secrets included) with a version that every change raises, so every instance notices it.
 * API keys are kept as SHA-256 only.
 */
public final class DirectoryStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The document and the version it was read at. */
    public record Stored(long version, String document) {
    }

    private final Database db;

    public DirectoryStore(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    /** File mode: the file's directory, its API keys included (keys that left the file are revoked). */
    public void save(Directory d) {
        Instant now = Instant.now();
        db.inTransaction(c -> {
            project(c, d, now);
            Sql.update(c, "UPDATE api_keys SET revoked_at = ? WHERE revoked_at IS NULL AND source = 'file'",
                    now);
            for (Organization o : d.organizations().values()) {
                for (String key : o.apiKeys()) {
                    saveFileKey(c, o.id(), key, now);
                }
            }
            return null;
        });
    }

    /** Rewrites the tables messages join on from {@code d} (API keys aside). */
    public void project(Connection c, Directory d, Instant now) throws SQLException {
        Sql.update(c, "UPDATE organizations SET active = FALSE");
        Sql.update(c, "UPDATE integrations SET active = FALSE");
        Sql.update(c, "UPDATE sms_numbers SET active = FALSE");
        Sql.update(c, "DELETE FROM number_users");
        for (Organization o : d.organizations().values()) {
            upsert(c, "UPDATE organizations SET domain = ?, webhook_url = ?, active = TRUE, updated_at = ? WHERE id = ?",
                    "INSERT INTO organizations (domain, webhook_url, active, updated_at, id) VALUES (?, ?, TRUE, ?, ?)",
                    o.domain(), o.webhookUrl(), now, o.id());
        }
        for (Integration i : d.integrations().values()) {
            upsert(c, "UPDATE integrations SET organization_id = ?, provider = ?, options = ?, active = TRUE, updated_at = ? WHERE id = ?",
                    "INSERT INTO integrations (organization_id, provider, options, active, updated_at, id) VALUES (?, ?, ?, TRUE, ?, ?)",
                    i.organizationId(), i.provider(), json(i.publicSettings()), now, i.id());
        }
        for (SmsNumber n : d.numbers().values()) {
            upsert(c, "UPDATE sms_numbers SET organization_id = ?, integration_id = ?, country = ?, display_name = ?,"
                            + " stickiness_seconds = ?, platform_number_format = ?, header_text = ?, footer_text = ?,"
                            + " active = TRUE, updated_at = ? WHERE number = ?",
                    "INSERT INTO sms_numbers (organization_id, integration_id, country, display_name, stickiness_seconds,"
                            + " platform_number_format, header_text, footer_text, active, updated_at, number)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?)",
                    n.organizationId(), n.integrationId(), n.country(), n.displayName(), n.stickiness().toSeconds(),
                    n.platformFormat().configName(), n.header(), n.footer(), now, n.number());
            for (String u : n.users()) {
                Sql.update(c, "INSERT INTO number_users (number, user_address) VALUES (?, ?)", n.number(), u);
            }
        }
    }

    /** A key of the directory file (or imported from it): active again if it was revoked. */
    public void saveFileKey(Connection c, String organizationId, String key, Instant now) throws SQLException {
        String hash = Hashes.sha256(key);
        if (Sql.update(c, "UPDATE api_keys SET organization_id = ?, revoked_at = NULL WHERE key_sha256 = ?",
                organizationId, hash) == 0) {
            Sql.update(c, "INSERT INTO api_keys (key_sha256, organization_id, id, prefix, label, source, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, 'file', ?)", hash, organizationId, hash.substring(0, 16),
                    ApiKeys.prefixOf(key), "from the directory file", now);
        }
    }

    /** Hashes of the API keys in force, to the organization each belongs to. */
    public Map<String, String> activeKeys(Connection c) throws SQLException {
        Map<String, String> out = new HashMap<>();
        Sql.list(c, "SELECT key_sha256, organization_id FROM api_keys WHERE revoked_at IS NULL",
                rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    /** Database mode: the document, or null while the database holds none. */
    public Stored read(Connection c) throws SQLException {
        return Sql.one(c, "SELECT version, document FROM directory_document WHERE id = 1",
                rs -> new Stored(rs.getLong(1), rs.getString(2)));
    }

    public long version(Connection c) throws SQLException {
        Long v = Sql.one(c, "SELECT version FROM directory_document WHERE id = 1", rs -> rs.getLong(1));
        return v == null ? 0 : v;
    }

    /**
     * Writes the next version of the document if it is still at {@code expected} (locks the row until
     * commit); false when another change came first.
     */
    public boolean write(Connection c, long expected, String document, Instant now) throws SQLException {
        if (expected == 0) {
            // the first document (an import); two instances starting at once: one of them writes it
            return Sql.update(c, "INSERT INTO directory_document (id, version, document, updated_at)"
                    + " SELECT 1, 1, ?, ? WHERE NOT EXISTS (SELECT 1 FROM directory_document)", document, now) == 1;
        }
        return Sql.update(c, "UPDATE directory_document SET version = version + 1, document = ?, updated_at = ?"
                + " WHERE id = 1 AND version = ?", document, now, expected) == 1;
    }

    /** A change outside the document (an API key): every instance reloads. */
    public void touch(Connection c, Instant now) throws SQLException {
        Sql.update(c, "UPDATE directory_document SET version = version + 1, updated_at = ? WHERE id = 1",
                now);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void upsert(Connection c, String update, String insert, Object... params) throws SQLException {
        if (Sql.update(c, update, params) == 0) {
            Sql.update(c, insert, params);
        }
    }
}
