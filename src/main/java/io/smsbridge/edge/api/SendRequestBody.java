package io.smsbridge.edge.api;

import com.fasterxml.jackson.databind.JsonNode;
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
