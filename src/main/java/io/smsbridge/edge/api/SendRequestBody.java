package io.smsbridge.edge.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsbridge.core.message.BroadcastRequest;
import io.smsbridge.core.message.SendRequest;
import io.smsbridge.core.refusal.Refusal;

/**
 * The body of {@code POST /api/v1/messages} read into a {@link SendRequest}. A file is
 * {@code media_url}, or {@code content} holding the URL with {@code "type":"file"}.
 */
final class SendRequestBody {

    private SendRequestBody() {
    }

    /** @param n the body, already read as strict JSON (null when empty) */
    static SendRequest of(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw Refusal.badRequest("expected a JSON object such as {\"from\":\"+19179056077\",\"to\":\"9175550123\","
                    + "\"extension\":\"101\",\"domain\":\"acme.example\",\"content\":\"Hi\"}");
        }
        for (String field : new String[] {"from", "to", "extension"}) {
            String v = text(n, field, true);
            if (v == null || v.isBlank()) {
                throw Refusal.badRequest("'" + field + "' is required", field);
            }
        }
        String content = text(n, "content", false);
        String media = text(n, "media_url", false);
        String type = text(n, "type", false);
        if (media == null && "file".equalsIgnoreCase(type)) {
            media = content;
            content = text(n, "text", false);
        }
        JsonNode dry = n.get("dry_run");
        if (dry != null && !dry.isNull() && !dry.isBoolean()) {
            throw Refusal.badRequest("'dry_run' must be true or false", "dry_run");
        }
        return new SendRequest(text(n, "from", true).trim(), text(n, "to", true).trim(),
                text(n, "extension", true).trim(), text(n, "domain", false), content, media,
                dry != null && dry.asBoolean(false));
    }

    /** The body of {@code POST /api/v1/broadcasts}: the send body with {@code to} as an array, text only. */
    static BroadcastRequest broadcast(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw Refusal.badRequest("expected a JSON object such as {\"from\":\"+19179056077\",\"to\":[\"9175550123\","
                    + "\"9175550124\"],\"extension\":\"101\",\"domain\":\"acme.example\",\"content\":\"Hi\"}");
        }
        for (String field : new String[] {"from", "extension"}) {
            String v = text(n, field, true);
            if (v == null || v.isBlank()) {
                throw Refusal.badRequest("'" + field + "' is required", field);
            }
        }
        JsonNode to = n.get("to");
        if (to == null || !to.isArray()) {
            throw Refusal.badRequest("'to' must be an array of contacts, such as [\"9175550123\", \"+447700900123\"]",
                    "to");
        }
        java.util.List<String> contacts = new java.util.ArrayList<>(to.size());
        for (JsonNode c : to) {
            if (!(c.isTextual() || c.isIntegralNumber())) {
                throw Refusal.badRequest("every entry of 'to' must be a string (a phone number)", "to");
            }
            contacts.add(c.asText().trim());
        }
        if (n.hasNonNull("media_url") || "file".equalsIgnoreCase(text(n, "type", false))) {
            throw Refusal.unprocessable("media_not_supported", "a broadcast carries text only; send pictures with"
                    + " POST /api/v1/messages", "media_url");
        }
        JsonNode dry = n.get("dry_run");
        if (dry != null && !dry.isNull() && !dry.isBoolean()) {
            throw Refusal.badRequest("'dry_run' must be true or false", "dry_run");
        }
        return new BroadcastRequest(text(n, "from", true).trim(), contacts, text(n, "extension", true).trim(),
                text(n, "domain", false), text(n, "content", false), dry != null && dry.asBoolean(false));
    }

    /** A string field; numbers pass as their digits where a number is natural ({@code to}, {@code extension}). */
    private static String text(JsonNode n, String field, boolean numberAllowed) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual() || numberAllowed && v.isIntegralNumber()) {
            return v.asText();
        }
        throw Refusal.badRequest("'" + field + "' must be a string", field);
    }
}
