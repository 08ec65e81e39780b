package io.smsbridge.edge.api;

import io.smsbridge.edge.http.ErrorResponses;

import io.smsbridge.core.refusal.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.store.db.ColumnLimits;
import io.smsbridge.store.db.Uuid7;
import io.smsbridge.core.codec.FieldRules;
import io.smsbridge.core.codec.FormFields;
import io.smsbridge.core.refusal.MalformedRequest;
import io.smsbridge.edge.http.RawRequest;
import io.smsbridge.core.codec.StrictJson;
import io.smsbridge.store.directory.ApiKeys;
import io.smsbridge.store.directory.DirectoryService;
import io.smsbridge.core.directory.Organization;
import io.smsbridge.core.directory.SmsNumber;
import io.smsbridge.core.phone.InvalidNumberException;
import io.smsbridge.core.phone.PhoneNumbers;
import io.smsbridge.flow.outbound.BroadcastService;
import io.smsbridge.flow.outbound.OutboundService;
import io.smsbridge.store.BroadcastStore;
import io.smsbridge.core.message.BroadcastRequest;
import io.smsbridge.core.message.SendRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The platform API's edges: Bearer API keys, request parsing, and the JSON the platform gets back. */
public final class PlatformApi {

    public static final String ORGANIZATION = "organization";
    private static final String QUERY = "rawQuery";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DirectoryService directory;
    private final Limits limits;

    /** Column sizes the API's fields are held to. */
    public record Limits(int number, int contact, int user) {
        public static Limits of(ColumnLimits columns) {
            return new Limits(columns.of("messages", "number"), columns.of("messages", "contact"),
                    columns.of("messages", "sender_user"));
        }
    }

    private final ApiKeys keys;

    public PlatformApi(DirectoryService directory, Limits limits, ApiKeys keys) {
        this.directory = directory;
        this.limits = limits;
        this.keys = keys;
    }

    /** Finds the organization of the Bearer key (401 otherwise) and removes the key from the exchange. */
    public void authenticate(Exchange exchange) {
        Message in = exchange.getMessage();
        RawRequest raw = RawRequest.of(exchange);
        String auth = raw.header("Authorization");
        // the server copied query parameters (and any form fields) into headers; SQL reads only what is set below
        in.removeHeaders("*");
        String id = raw.pathParam("id");
        if (id != null) {
            in.setHeader("id", id);
        }
        exchange.setProperty(QUERY, raw.rawQuery());
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.length() <= 7) {
            throw Refusal.unauthorized("send the organization's API key as 'Authorization: Bearer <key>'");
        }
        String keyHash = io.smsbridge.core.secret.Hashes.sha256(auth.substring(7).trim());
        String orgId = directory.current().organizationByKeyHash().get(keyHash);
        Organization org = orgId == null ? null : directory.current().organizations().get(orgId);
        if (org == null) {
            throw Refusal.unauthorized("the API key is not valid (or was revoked); use an active key of the"
                    + " organization (api-keys: in the directory file, or the admin API's api-keys)");
        }
        keys.used(keyHash, java.time.Instant.now());
        exchange.setProperty(ORGANIZATION, org);
        in.setHeader("organizationId", org.id());
    }

    /**
     * The message id of the URL: a 404 unless it is a UUID (what every id the bridge gives out is), so
     * no database is asked to cast anything else.
     */
    public void messageId(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        if (!Uuid7.isUuid(id)) {
            throw Refusal.notFound("no message " + FieldRules.printable(String.valueOf(id), 64)
                    + " in this organization; message ids are the UUIDs"
                    + " returned by POST /api/v1/messages");
        }
    }

    /**
     * The body, read once as strict JSON (400 when it is not), with every field within what the
     * database stores and what it must be (422 otherwise, naming the field).
     */
    public SendRequest sendRequest(Exchange exchange) {
        SendRequest req = SendRequestBody.of(strictBody(exchange));
        try {
            senderFields(req.from(), req.extension(), req.domain(), req.text());
            FieldRules.identifier("to", req.to(), limits.contact());
            if (req.mediaUrl() != null && !req.mediaUrl().isBlank()) {
                FieldRules.url("media_url", req.mediaUrl());
            }
        } catch (MalformedRequest e) {
            String code = "media_url".equals(e.field()) ? "invalid_media_url" : "invalid_field";
            throw Refusal.unprocessable(code, e.getMessage(), e.field());
        }
        return req;
    }

    /** What a send and a broadcast share: our number, the user, the text. */
    private void senderFields(String from, String extension, String domain, String text) throws MalformedRequest {
        FieldRules.identifier("from", from, limits.number());
        FieldRules.identifier("extension", extension, limits.user());
        FieldRules.identifier("domain", domain, limits.user());
        FieldRules.length("extension@domain", extension + "@" + domain, limits.user());
        FieldRules.text("content", text);
    }

    /** The body as strict JSON (400 when it is not), read once. */
    private static JsonNode strictBody(Exchange exchange) {
        RawRequest raw = RawRequest.of(exchange);
        try {
            return StrictJson.read(raw.body(), raw.charset());
        } catch (MalformedRequest e) {
            throw Refusal.badRequest(e.getMessage(), e.field());
        }
    }

    /** The broadcast body, read as the send body is; each contact is judged later, alone. */
    public BroadcastRequest broadcastRequest(Exchange exchange) {
        BroadcastRequest req = SendRequestBody.broadcast(strictBody(exchange));
        try {
            senderFields(req.from(), req.extension(), req.domain(), req.text());
        } catch (MalformedRequest e) {
            throw Refusal.unprocessable("invalid_field", e.getMessage(), e.field());
        }
        return req;
    }

    /** 202 with the broadcast's id and each contact's message id; 200 for a dry run. */
    public void broadcastAccepted(Exchange exchange) {
        BroadcastService.Accepted a = exchange.getMessage().getBody(BroadcastService.Accepted.class);
        boolean dryRun = a.id() == null;
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = root.putObject("data");
        if (dryRun) {
            // what would be sent, nothing stored
            data.put("dry_run", true);
        } else {
            data.put("id", a.id());
            data.put("status", "queued");
        }
        data.put("encoding", a.encoding());
        data.put("parts", a.parts());
        if (dryRun) {
            data.put("text", a.text());
        }
        data.put("queued", a.queued().size());
        ArrayNode messages = data.putArray("messages");
        for (BroadcastService.Queued q : a.queued()) {
            ObjectNode m = messages.addObject().put("to", q.to());
            if (q.messageId() != null) {
                m.put("id", q.messageId());
            }
        }
        ArrayNode skipped = data.putArray("skipped");
        for (BroadcastService.Skipped s : a.skipped()) {
            skipped.addObject().put("to", s.to()).put("code", s.code()).put("reason", s.reason());
        }
        ErrorResponses.respond(exchange, dryRun ? 200 : 202, root.toString());
    }

    /** The broadcast id of the URL: a 404 unless it is a UUID. */
    public String broadcastId(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        if (!Uuid7.isUuid(id)) {
            throw Refusal.notFound("no broadcast " + FieldRules.printable(String.valueOf(id), 64)
                    + " in this organization; broadcast ids are the UUIDs returned by POST /api/v1/broadcasts");
        }
        return id;
    }

    /** The broadcast: a summary of its contacts' statuses, each contact's message, and those skipped. */
    public void broadcastView(Exchange exchange) {
        BroadcastService.View v = exchange.getMessage().getBody(BroadcastService.View.class);
        BroadcastStore.Broadcast b = v.broadcast();
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = root.putObject("data");
        data.put("id", b.id());
        data.put("from", b.number());
        data.put("sender_user", b.senderUser());
        data.put("encoding", b.encoding());
        data.put("parts", b.segments());
        data.put("contacts", b.contacts());
        data.put("created_at", b.createdAt().toString());
        JsonNode skipped;
        try {
            skipped = b.skipped() == null ? JSON.createArrayNode() : JSON.readTree(b.skipped());
        } catch (Exception e) {
            skipped = JSON.createArrayNode();
        }
        ObjectNode summary = data.putObject("summary");
        for (String s : new String[] {"queued", "retrying", "sending", "sent", "delivered", "failed"}) {
            summary.put(s, v.counts().getOrDefault(s, 0));
        }
        summary.put("skipped", skipped.size());
        ArrayNode messages = data.putArray("messages");
        for (BroadcastStore.Contact c : v.contacts()) {
            ObjectNode m = messages.addObject().put("id", c.messageId()).put("to", c.contact()).put("status",
                    c.status());
            put(m, "error_code", c.errorCode());
            put(m, "error_reason", c.errorReason());
        }
        data.set("skipped", skipped);
        ErrorResponses.respond(exchange, 200, root.toString());
    }

    /** 202 with the framework's response_map shape. */
    public void accepted(Exchange exchange) {
        OutboundService.Accepted a = exchange.getMessage().getBody(OutboundService.Accepted.class);
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = root.putObject("data");
        if (a.id() == null) {
            // a dry run: what would be sent, nothing stored
            data.put("dry_run", true);
            data.put("encoding", a.encoding());
            data.put("parts", a.parts());
            data.put("text", a.text());
            ErrorResponses.respond(exchange, 200, root.toString());
            return;
        }
        data.put("id", a.id());
        data.put("status", a.status());
        data.put("encoding", a.encoding());
        data.put("parts", a.parts());
        ErrorResponses.respond(exchange, 202, root.toString());
    }

    /** The message (header {@code message}, a camel-sql row) with its history (header {@code history}). */
    @SuppressWarnings("unchecked")
    public void messageView(Exchange exchange) {
        Map<String, Object> row = exchange.getMessage().getHeader("message", Map.class);
        if (row == null || row.isEmpty()) {
            throw Refusal.notFound("no message " + exchange.getMessage().getHeader("id")
                    + " in this organization");
        }
        List<Map<String, Object>> history = exchange.getMessage().getHeader("history", List.class);
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = toJson(row, root.putObject("data"));
        ArrayNode h = data.putArray("history");
        for (Map<String, Object> e : history) {
            toJson(e, h.addObject());
        }
        ErrorResponses.respond(exchange, 200, root.toString());
    }

    /**
     * Query parameters of the message list: {@code number} (ours) and {@code contact}, in any format
     * the number's country understands.
     */
    public void listFilter(Exchange exchange) {
        Message in = exchange.getMessage();
        Organization org = exchange.getProperty(ORGANIZATION, Organization.class);
        Map<String, String> query;
        try {
            query = FormFields.parse(exchange.getProperty(QUERY, String.class), StandardCharsets.UTF_8, "query string");
            FieldRules.identifier("number", query.get("number"), limits.contact());
            FieldRules.identifier("contact", query.get("contact"), limits.contact());
        } catch (MalformedRequest e) {
            throw Refusal.badRequest(e.getMessage(), e.field());
        }
        page(in, query);
        String number = query.get("number");
        String contact = query.get("contact");
        String country = null;
        if (number != null && !number.isBlank()) {
            SmsNumber n = findOwnNumber(org, number);
            in.setHeader("number", n.number());
            country = n.country();
        } else {
            in.removeHeader("number");
        }
        if (contact != null && !contact.isBlank()) {
            try {
                in.setHeader("contact", PhoneNumbers.typed(contact, country == null ? "US" : country));
            } catch (InvalidNumberException e) {
                throw Refusal.badRequest("contact: " + e.getMessage());
            }
        } else {
            in.removeHeader("contact");
        }
    }

    /** The page's size ({@code limit}, 1 to 500, 100 by default), its cursor, and since / until (ISO-8601). */
    private static void page(Message in, Map<String, String> query) {
        int limit = DEFAULT_PAGE;
        String l = query.get("limit");
        if (l != null && !l.isBlank()) {
            try {
                limit = Integer.parseInt(l.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_PAGE) {
                throw Refusal.badRequest("limit must be a whole number from 1 to " + MAX_PAGE, "limit");
            }
        }
        in.setHeader("limit", limit);
        in.setHeader("fetch", limit + 1);
        in.setHeader("since", time(query, "since"));
        in.setHeader("until", time(query, "until"));
        String cursor = query.get("cursor");
        if (cursor != null && !cursor.isBlank()) {
            PageCursor c = PageCursor.decode(cursor.trim());
            in.setHeader("cursorAt", io.smsbridge.store.db.Database.ts(c.at()));
            in.setHeader("cursorId", c.id());
        } else {
            in.setHeader("cursorAt", null);
            in.setHeader("cursorId", null);
        }
    }

    private static java.time.OffsetDateTime time(Map<String, String> query, String field) {
        String v = query.get(field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(v.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw Refusal.badRequest(field + " must be an ISO-8601 time with its offset, such as"
                    + " 2026-12-07T09:00:00Z", field);
        }
    }

    /** The page, and next_cursor when there is more (null on the last page). */
    @SuppressWarnings("unchecked")
    public void listView(Exchange exchange) {
        List<Map<String, Object>> rows = exchange.getMessage().getBody(List.class);
        int limit = exchange.getMessage().getHeader("limit", DEFAULT_PAGE, Integer.class);
        ObjectNode root = JSON.createObjectNode();
        ArrayNode data = root.putArray("data");
        List<Map<String, Object>> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        for (Map<String, Object> row : page) {
            toJson(row, data.addObject());
        }
        if (rows.size() > limit) {
            Map<String, Object> last = page.get(page.size() - 1);
            root.put("next_cursor", new PageCursor(io.smsbridge.store.db.Database.instant(column(last, "created_at")),
                    String.valueOf(column(last, "id"))).encode());
        } else {
            root.putNull("next_cursor");
        }
        ErrorResponses.respond(exchange, 200, root.toString());
    }

    /** A camel-sql row's column whatever case the database gave its name. */
    private static Object column(Map<String, Object> row, String name) {
        for (Map.Entry<String, Object> e : row.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 500;

    private SmsNumber findOwnNumber(Organization org, String raw) {
        SmsNumber n = directory.current().numberFor(raw, candidate -> candidate.organizationId().equals(org.id()));
        if (n != null) {
            return n;
        }
        throw Refusal.notFound("number " + raw + " is not one of this organization's SMS numbers");
    }

    private static ObjectNode toJson(Map<String, Object> row, ObjectNode node) {
        row.forEach((k, v) -> put(node, k.toLowerCase(java.util.Locale.ROOT), v));
        for (String listField : new String[] {"recipients", "media_urls"}) {
            JsonNode stored = node.get(listField);
            if (stored != null && stored.isTextual()) {
                try {
                    node.set(listField, JSON.readTree(stored.asText()));
                } catch (Exception ignored) {
                    // written by the bridge as JSON; keep the text otherwise
                }
            }
        }
        return node;
    }

    private static void put(ObjectNode node, String key, Object v) {
        if (v == null) {
            node.putNull(key);
        } else if (v instanceof Number n) {
            node.put(key, n.longValue());
        } else if (v instanceof Boolean b) {
            node.put(key, b);
        } else if (v instanceof java.time.OffsetDateTime t) {
            node.put(key, t.toInstant().toString());
        } else if (v instanceof java.sql.Timestamp t) {
            node.put(key, t.toInstant().toString());
        } else {
            node.put(key, v.toString());
        }
    }

}
