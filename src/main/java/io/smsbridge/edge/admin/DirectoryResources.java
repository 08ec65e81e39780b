package io.smsbridge.edge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.smsbridge.core.directory.Directory;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.directory.SmsNumber;
import io.smsbridge.core.phone.InvalidNumberException;
import io.smsbridge.core.phone.PhoneNumbers;
import io.smsbridge.core.refusal.Refusal;
import io.smsbridge.store.directory.DirectoryDocument;
import io.smsbridge.store.directory.DirectoryEditor;
import io.smsbridge.store.directory.DirectoryEditor.Change;
import io.smsbridge.store.directory.DirectoryService;

import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Organizations, integrations, numbers and their users, read from the directory in force and
 * changed through {@link DirectoryEditor} (database mode only: 409 otherwise). Fields are the
 * directory file's keys; secrets are write-only (a read says which are set).
 */
final class DirectoryResources {

    private static final Set<String> ORG_FIELDS = Set.of("id", "domain", "platform");
    private static final Set<String> USERS_FIELDS = Set.of("users");
    private static final Set<String> USER_FIELDS = Set.of("user");

    private final DirectoryService directory;
    private final DirectoryEditor editor;
    private final IntegrationStatus status;

    DirectoryResources(DirectoryService directory, DirectoryEditor editor, IntegrationStatus status) {
        this.directory = directory;
        this.editor = editor;
        this.status = status;
    }

    void register(Map<String, Operation> ops) {
        ops.put("admin-organizations-list", this::listOrganizations);
        ops.put("admin-organization-create", this::createOrganization);
        ops.put("admin-organization-get", call -> Answer.ok(organizationView(org(call))));
        ops.put("admin-organization-update", this::updateOrganization);
        ops.put("admin-organization-delete", this::deleteOrganization);
        ops.put("admin-integrations-list", call -> list(call, "integrations", this::integrationView));
        ops.put("admin-integration-create", call -> create(call, "integrations", "id", this::integrationView));
        ops.put("admin-integration-get", call -> Answer.ok(integrationView(entry(call, "integrations", "id",
                call.path("integrationId")))));
        ops.put("admin-integration-update", call -> update(call, "integrations", "id", call.path("integrationId"),
                this::integrationView));
        ops.put("admin-integration-delete", call -> delete(call, "integrations", "id", call.path("integrationId")));
        ops.put("admin-numbers-list", call -> list(call, "numbers", Function.identity()));
        ops.put("admin-number-create", call -> create(call, "numbers", "number", Function.identity()));
        ops.put("admin-number-get", call -> Answer.ok(entry(call, "numbers", "number", number(call).number())));
        ops.put("admin-number-update", call -> update(call, "numbers", "number", number(call).number(),
                Function.identity()));
        ops.put("admin-number-delete", call -> delete(call, "numbers", "number", number(call).number()));
        ops.put("admin-number-users-set", this::setUsers);
        ops.put("admin-number-user-add", this::addUser);
        ops.put("admin-number-user-remove", this::removeUser);
        ops.put("admin-directory-export", this::export);
        ops.put("admin-directory-info", call -> {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.put("source", directory.source().configName());
            out.put("writable", directory.source() == DirectoryService.Source.DATABASE);
            out.put("version", directory.documentVersion());
            return Answer.ok(out);
        });
    }

    // --- organizations --------------------------------------------------------------------------

    private Answer listOrganizations(AdminCall call) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode o : directory.documentView().path("organizations")) {
            String id = o.path("id").asText();
            if (call.principal().isOperator() || id.equals(call.principal().organizationId())) {
                out.add(organizationView(o));
            }
        }
        return Answer.ok(out);
    }

    private Answer createOrganization(AdminCall call) {
        call.principal().requireOperator("creating an organization");
        editor.requireWritable();
        ObjectNode body = call.body(ORG_FIELDS);
        String id = AdminCall.text(body, "id");
        Change c = editor.edit(call.principal().name(), doc -> {
            ArrayNode orgs = (ArrayNode) doc.path("organizations");
            if (find(orgs, "id", id) != null) {
                throw Refusal.conflict("already_exists", "organization '" + id + "' already exists");
            }
            ObjectNode o = body.deepCopy();
            o.putArray("integrations");
            o.putArray("numbers");
            orgs.add(o);
            return new Change(id, "organization.create", "organization " + id, null, o);
        });
        return Answer.created(organizationView(c.after()));
    }

    private Answer updateOrganization(AdminCall call) {
        String id = org(call).path("id").asText();
        ObjectNode body = call.body(ORG_FIELDS);
        editor.requireWritable();
        Change c = editor.edit(call.principal().name(), doc -> {
            ObjectNode o = find((ArrayNode) doc.path("organizations"), "id", id);
            JsonNode before = o.deepCopy();
            merge(o, body, "id");
            return new Change(id, "organization.update", "organization " + id, before, o);
        });
        return Answer.ok(organizationView(c.after()));
    }

    private Answer deleteOrganization(AdminCall call) {
        call.principal().requireOperator("deleting an organization");
        String id = org(call).path("id").asText();
        editor.edit(call.principal().name(), doc -> {
            ArrayNode orgs = (ArrayNode) doc.path("organizations");
            int i = indexOf(orgs, "id", id);
            JsonNode before = orgs.get(i);
            orgs.remove(i);
            return new Change(id, "organization.delete", "organization " + id, before, null);
        });
        return Answer.noContent();
    }

    private JsonNode organizationView(JsonNode o) {
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        v.put("id", o.path("id").asText());
        v.put("domain", o.path("domain").asText());
        JsonNode platform = o.path("platform");
        ObjectNode p = v.putObject("platform");
        p.put("webhook-url", platform.path("webhook-url").isMissingNode() ? null : platform.path("webhook-url").asText());
        ArrayNode headers = p.putArray("headers-set");
        platform.path("headers").fieldNames().forEachRemaining(headers::add);
        v.put("integrations", o.path("integrations").size());
        v.put("numbers", o.path("numbers").size());
        return v;
    }

    // --- integrations and numbers: entries of an organization's lists ---------------------------

    private Answer list(AdminCall call, String collection, Function<JsonNode, JsonNode> view) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        org(call).path(collection).forEach(e -> out.add(view.apply(e)));
        return Answer.ok(out);
    }

    private Answer create(AdminCall call, String collection, String key, Function<JsonNode, JsonNode> view) {
        String orgId = org(call).path("id").asText();
        editor.requireWritable();
        ObjectNode body = call.body();
        if (collection.equals("numbers")) {
            normalizeNumber(body, orgId);
        }
        String id = AdminCall.text(body, key);
        Change c = editor.edit(call.principal().name(), doc -> {
            ObjectNode o = find((ArrayNode) doc.path("organizations"), "id", orgId);
            if (collection.equals("numbers") && anyNumber(doc, id)) {
                throw Refusal.conflict("already_exists", "number " + id + " is already in the directory");
            }
            if (collection.equals("integrations") && anyIntegration(doc, id)) {
                throw Refusal.conflict("already_exists", "integration '" + id + "' already exists");
            }
            ((ArrayNode) o.withArray(collection)).add(body);
            return new Change(orgId, singular(collection) + ".create", singular(collection) + " " + id, null, body);
        });
        return Answer.created(view.apply(c.after()));
    }

    private Answer update(AdminCall call, String collection, String key, String id, Function<JsonNode, JsonNode> view) {
        String orgId = org(call).path("id").asText();
        entry(call, collection, key, id);
        editor.requireWritable();
        ObjectNode body = call.body();
        if (collection.equals("numbers") && body.has("users")) {
            qualifyUsers(body.get("users"), orgId);
        }
        Change c = editor.edit(call.principal().name(), doc -> {
            ObjectNode e = find((ArrayNode) find((ArrayNode) doc.path("organizations"), "id", orgId).path(collection),
                    key, id);
            JsonNode before = e.deepCopy();
            merge(e, body, key);
            return new Change(orgId, singular(collection) + ".update", singular(collection) + " " + id, before, e);
        });
        return Answer.ok(view.apply(c.after()));
    }

    private Answer delete(AdminCall call, String collection, String key, String id) {
        String orgId = org(call).path("id").asText();
        entry(call, collection, key, id);
        editor.edit(call.principal().name(), doc -> {
            ArrayNode list = (ArrayNode) find((ArrayNode) doc.path("organizations"), "id", orgId).path(collection);
            int i = indexOf(list, key, id);
            JsonNode before = list.get(i);
            list.remove(i);
            return new Change(orgId, singular(collection) + ".delete", singular(collection) + " " + id, before, null);
        });
        return Answer.noContent();
    }

    private JsonNode integrationView(JsonNode i) {
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        String id = i.path("id").asText();
        v.put("id", id);
        v.put("provider", i.path("provider").asText());
        v.put("webhook-url", "/webhooks/" + id);
        ObjectNode settings = v.putObject("settings");
        ArrayNode secrets = v.putArray("secrets-set");
        for (Iterator<Map.Entry<String, JsonNode>> it = i.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (k.equals("id") || k.equals("provider")) {
                continue;
            }
            if (k.equals("properties")) {
                e.getValue().fieldNames().forEachRemaining(p -> secrets.add("properties." + p));
            } else if (k.equals("webhook-token") || Integration.isSecret(k)) {
                secrets.add(k);
            } else {
                settings.set(k, e.getValue());
            }
        }
        v.set("status", status.of(id));
        return v;
    }

    // --- a number's users -----------------------------------------------------------------------

    private Answer setUsers(AdminCall call) {
        ObjectNode body = call.body(USERS_FIELDS);
        return changeUsers(call, "number.users.set", users -> {
            users.removeAll();
            JsonNode given = body.path("users");
            if (!given.isArray()) {
                throw Refusal.unprocessable("invalid_field", "users: give a list of extension@domain", "users");
            }
            given.forEach(users::add);
        });
    }

    private Answer addUser(AdminCall call) {
        String user = AdminCall.text(call.body(USER_FIELDS), "user");
        return changeUsers(call, "number.users.add", users -> users.add(user));
    }

    private Answer removeUser(AdminCall call) {
        String user = call.path("user").toLowerCase(Locale.ROOT);
        return changeUsers(call, "number.users.remove", users -> {
            for (int i = users.size() - 1; i >= 0; i--) {
                String u = users.get(i).asText().toLowerCase(Locale.ROOT);
                if (u.equals(user) || u.startsWith(user + "@")) {
                    users.remove(i);
                    return;
                }
            }
            throw Refusal.notFound("user " + user + " is not assigned to this number");
        });
    }

    private Answer changeUsers(AdminCall call, String action, java.util.function.Consumer<ArrayNode> change) {
        String orgId = org(call).path("id").asText();
        String number = number(call).number();
        editor.requireWritable();
        Change c = editor.edit(call.principal().name(), doc -> {
            ObjectNode o = find((ArrayNode) doc.path("organizations"), "id", orgId);
            ObjectNode n = find((ArrayNode) o.path("numbers"), "number", number);
            JsonNode before = n.path("users").deepCopy();
            ArrayNode users = n.withArray("users");
            change.accept(users);
            qualifyUsers(users, orgId);
            return new Change(orgId, action, "number " + number, before, users);
        });
        return Answer.ok(c.after());
    }

    // --- export ---------------------------------------------------------------------------------

    private Answer export(AdminCall call) {
        ObjectNode doc = DirectoryDocument.of(directory.current(), DirectoryDocument.Secrets.AS_PLACEHOLDERS);
        if (!call.principal().isOperator()) {
            ArrayNode orgs = (ArrayNode) doc.path("organizations");
            for (int i = orgs.size() - 1; i >= 0; i--) {
                if (!orgs.get(i).path("id").asText().equals(call.principal().organizationId())) {
                    orgs.remove(i);
                }
            }
        }
        try {
            String yaml = "# sms-bridge directory, exported " + Instant.now() + " from directory.source="
                    + directory.source().configName() + ".\n# Secrets are {{env:...}} placeholders: set those"
                    + " variables where this file is used. API keys are stored hashed and not exported:\n"
                    + "# list the keys to keep under each organization's api-keys:.\n"
                    + new YAMLMapper().writeValueAsString(doc).replaceFirst("^---\\n", "");
            return new Answer(200, "application/yaml", yaml);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    /** The organization of the URL, as the caller may see it. */
    private JsonNode org(AdminCall call) {
        ArrayNode orgs = (ArrayNode) directory.documentView().path("organizations");
        String id = call.principal().organization(call.path("org"), o -> find(orgs, "id", o) != null);
        return find(orgs, "id", id);
    }

    private JsonNode entry(AdminCall call, String collection, String key, String id) {
        ObjectNode e = find((ArrayNode) org(call).path(collection), key, id);
        if (e == null) {
            throw Refusal.notFound("no " + singular(collection) + " '" + id + "' in this organization");
        }
        return e;
    }

    private SmsNumber number(AdminCall call) {
        String orgId = org(call).path("id").asText();
        String raw = call.path("number");
        Directory d = directory.current();
        SmsNumber n = d.numberFor(raw, c -> c.organizationId().equals(orgId));
        if (n == null) {
            throw Refusal.notFound("number " + raw + " is not one of this organization's SMS numbers");
        }
        return n;
    }

    /** A number typed nationally ((917) 905-6077 with country US) is stored in E.164. */
    private void normalizeNumber(ObjectNode body, String orgId) {
        JsonNode raw = body.get("number");
        if (raw != null && raw.isTextual() && !raw.asText().isBlank()) {
            String country = body.path("country").asText("");
            try {
                String e164 = raw.asText().trim().startsWith("+") || country.isBlank()
                        ? PhoneNumbers.requireE164(raw.asText())
                        : PhoneNumbers.parseRecipient(raw.asText(), country.toUpperCase(Locale.ROOT)).value();
                body.put("number", e164);
            } catch (InvalidNumberException | IllegalArgumentException e) {
                throw Refusal.unprocessable("invalid_field", "number: " + e.getMessage(), "number");
            }
        }
        if (body.has("users")) {
            qualifyUsers(body.get("users"), orgId);
        }
    }

    /** "101" is user 101 of the organization's domain. */
    private void qualifyUsers(JsonNode users, String orgId) {
        if (!(users instanceof ArrayNode list)) {
            return;
        }
        String domain = directory.current().organizations().get(orgId).domain();
        for (int i = 0; i < list.size(); i++) {
            String u = list.get(i).asText().trim();
            if (!u.isEmpty() && !u.contains("@")) {
                list.set(i, JsonNodeFactory.instance.textNode(u + "@" + domain));
            }
        }
    }

    private static void merge(ObjectNode target, ObjectNode changes, String key) {
        changes.fields().forEachRemaining(e -> {
            if (e.getKey().equals(key) && !e.getValue().asText().equals(target.path(key).asText())) {
                throw Refusal.unprocessable("invalid_field", key + ": cannot be changed; create a new entry instead",
                        key);
            }
            if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        });
    }

    private static boolean anyNumber(JsonNode doc, String number) {
        for (JsonNode o : doc.path("organizations")) {
            if (find((ArrayNode) o.path("numbers"), "number", number) != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyIntegration(JsonNode doc, String id) {
        for (JsonNode o : doc.path("organizations")) {
            if (find((ArrayNode) o.path("integrations"), "id", id) != null) {
                return true;
            }
        }
        return false;
    }

    static ObjectNode find(ArrayNode list, String key, String value) {
        int i = indexOf(list, key, value);
        return i < 0 ? null : (ObjectNode) list.get(i);
    }

    private static int indexOf(ArrayNode list, String key, String value) {
        if (list == null) {
            return -1;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).path(key).asText().equals(value)) {
                return i;
            }
        }
        return -1;
    }

    private static String singular(String collection) {
        return collection.substring(0, collection.length() - 1);
    }
}
