package io.smsbridge.edge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.core.refusal.Refusal;
import io.smsbridge.store.admin.AdminUsers;
import io.smsbridge.store.admin.AuditLog;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.directory.ApiKeys;
import io.smsbridge.store.directory.DirectoryEditor;
import io.smsbridge.store.directory.DirectoryService;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Tenant API keys (created once-shown, listed, revoked) and organization admins (operator only). */
final class AccessResources {

    private static final Set<String> KEY_FIELDS = Set.of("label");
    private static final Set<String> ADMIN_FIELDS = Set.of("name", "password");

    private final Database db;
    private final DirectoryService directory;
    private final DirectoryEditor editor;
    private final ApiKeys keys;
    private final AdminUsers admins;
    private final AuditLog audit;

    AccessResources(Database db, DirectoryService directory, DirectoryEditor editor, ApiKeys keys, AdminUsers admins,
            AuditLog audit) {
        this.db = db;
        this.directory = directory;
        this.editor = editor;
        this.keys = keys;
        this.admins = admins;
        this.audit = audit;
    }

    void register(Map<String, Operation> ops) {
        ops.put("admin-api-keys-list", this::listKeys);
        ops.put("admin-api-key-create", this::createKey);
        ops.put("admin-api-key-revoke", this::revokeKey);
        ops.put("admin-admins-list", this::listAdmins);
        ops.put("admin-admin-create", this::createAdmin);
        ops.put("admin-admin-delete", this::deleteAdmin);
    }

    private String org(AdminCall call) {
        return call.principal().organization(call.path("org"), id -> directory.current().organizations().containsKey(id));
    }

    private Answer listKeys(AdminCall call) {
        String org = org(call);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        db.withConnection(c -> keys.list(c, org)).forEach(k -> out.add(view(k)));
        return Answer.ok(out);
    }

    private Answer createKey(AdminCall call) {
        String org = org(call);
        editor.requireWritable();
        JsonNode body = call.body(KEY_FIELDS);
        String label = body.path("label").asText("").trim();
        if (label.length() > 255) {
            throw Refusal.unprocessable("invalid_field", "label: at most 255 characters", "label");
        }
        Instant now = Instant.now();
        ApiKeys.Created created = db.inTransaction(c -> {
            ApiKeys.Created k = keys.create(c, org, label.isEmpty() ? null : label, now);
            audit.record(c, call.principal().name(), org, "api-key.create", "api key " + k.key().id(), null,
                    view(k.key()).toString(), now);
            editor.touched(c, now);
            return k;
        });
        directory.reloadIfChanged();
        ObjectNode v = view(created.key());
        v.put("key", created.secret());
        v.put("note", "this is the only time the key is shown: store it now");
        return Answer.created(v);
    }

    private Answer revokeKey(AdminCall call) {
        String org = org(call);
        editor.requireWritable();
        String id = call.path("keyId");
        Instant now = Instant.now();
        boolean revoked = db.inTransaction(c -> {
            ApiKeys.Key k = keys.find(c, org, id);
            if (k == null || !keys.revoke(c, org, id, now)) {
                return false;
            }
            audit.record(c, call.principal().name(), org, "api-key.revoke", "api key " + id, view(k).toString(),
                    null, now);
            editor.touched(c, now);
            return true;
        });
        if (!revoked) {
            throw Refusal.notFound("no active API key '" + id + "' in this organization");
        }
        directory.reloadIfChanged();
        return Answer.noContent();
    }

    private static ObjectNode view(ApiKeys.Key k) {
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        v.put("id", k.id());
        v.put("prefix", k.prefix());
        v.put("label", k.label());
        v.put("source", k.source());
        v.put("created_at", str(k.createdAt()));
        v.put("last_used_at", str(k.lastUsedAt()));
        v.put("revoked_at", str(k.revokedAt()));
        v.put("active", k.revokedAt() == null);
        return v;
    }

    private Answer listAdmins(AdminCall call) {
        String org = org(call);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        db.withConnection(c -> admins.list(c, org)).forEach(u -> out.addObject().put("name", u.name())
                .put("organization", u.organizationId()).put("created_at", str(u.createdAt())));
        return Answer.ok(out);
    }

    private Answer createAdmin(AdminCall call) {
        call.principal().requireOperator("creating an organization admin");
        String org = org(call);
        JsonNode body = call.body(ADMIN_FIELDS);
        String name = AdminCall.text(body, "name");
        String password = AdminCall.text(body, "password");
        if (!name.matches("[A-Za-z0-9._@-]{3,64}") || name.equals(AdminAuth.OPERATOR)) {
            throw Refusal.unprocessable("invalid_field", "name: 3 to 64 letters, digits, '.', '_', '@' or '-'"
                    + " (not 'operator')", "name");
        }
        if (password.length() < 12) {
            throw Refusal.unprocessable("invalid_field", "password: at least 12 characters", "password");
        }
        Instant now = Instant.now();
        boolean created = db.inTransaction(c -> {
            if (admins.exists(c, name)) {
                return false;
            }
            admins.create(c, name, org, password, now);
            audit.record(c, call.principal().name(), org, "admin.create", "admin " + name, null,
                    JsonNodeFactory.instance.objectNode().put("name", name).put("password", "(set)").toString(), now);
            return true;
        });
        if (!created) {
            throw Refusal.conflict("already_exists", "an admin named '" + name + "' already exists");
        }
        return Answer.created(JsonNodeFactory.instance.objectNode().put("name", name).put("organization", org));
    }

    private Answer deleteAdmin(AdminCall call) {
        call.principal().requireOperator("removing an organization admin");
        String org = org(call);
        String name = call.path("name");
        Instant now = Instant.now();
        boolean deleted = db.inTransaction(c -> {
            if (!admins.delete(c, org, name)) {
                return false;
            }
            audit.record(c, call.principal().name(), org, "admin.delete", "admin " + name, null, null, now);
            return true;
        });
        if (!deleted) {
            throw Refusal.notFound("no admin '" + name + "' in this organization");
        }
        return Answer.noContent();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
