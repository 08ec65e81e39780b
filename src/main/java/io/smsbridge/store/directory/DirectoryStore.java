package io.smsbridge.store.directory;

import io.smsbridge.core.directory.Directory;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.directory.Organization;
import io.smsbridge.core.directory.SmsNumber;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsbridge.core.secret.Hashes;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Writes the directory into the database in one transaction. What the file lists it owns: entries
 * that left the file are marked inactive (messages keep pointing at them), assignments are replaced.
 * Secrets stay out: API keys as SHA-256, integration credentials not at all.
 */
public final class DirectoryStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;

    public DirectoryStore(Database db) {
        this.db = db;
    }

    public void save(Directory d) {
        Instant now = Instant.now();
        db.inTransaction(c -> {
            Sql.update(c, "UPDATE organizations SET active = FALSE");
            Sql.update(c, "UPDATE integrations SET active = FALSE");
            Sql.update(c, "UPDATE sms_numbers SET active = FALSE");
            Sql.update(c, "DELETE FROM api_keys");
            Sql.update(c, "DELETE FROM number_users");
            for (Organization o : d.organizations().values()) {
                upsert(c, "UPDATE organizations SET domain = ?, webhook_url = ?, active = TRUE, updated_at = ? WHERE id = ?",
                        "INSERT INTO organizations (domain, webhook_url, active, updated_at, id) VALUES (?, ?, TRUE, ?, ?)",
                        o.domain(), o.webhookUrl(), now, o.id());
                for (String key : o.apiKeys()) {
                    Sql.update(c, "INSERT INTO api_keys (key_sha256, organization_id) VALUES (?, ?)",
                            Hashes.sha256(key), o.id());
                }
            }
            for (Integration i : d.integrations().values()) {
                upsert(c, "UPDATE integrations SET organization_id = ?, provider = ?, options = ?, active = TRUE, updated_at = ? WHERE id = ?",
                        "INSERT INTO integrations (organization_id, provider, options, active, updated_at, id) VALUES (?, ?, ?, TRUE, ?, ?)",
                        i.organizationId(), i.provider(), JSON.writeValueAsString(i.publicSettings()), now, i.id());
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
            return null;
        });
    }

    private static void upsert(Connection c, String update, String insert, Object... params) throws SQLException {
        if (Sql.update(c, update, params) == 0) {
            Sql.update(c, insert, params);
        }
    }
}
