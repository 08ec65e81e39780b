package io.smsbridge.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsbridge.api.ApiException;

/**
 * The platform's SendMessage / SendFile parameters (design.md §3.3). A file is {@code media_url}, or
 * {@code content} holding the URL with {@code "type":"file"}.
 */
public record SendRequest(String from, String to, String extension, String domain, String text, String mediaUrl) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static SendRequest parse(String body) {
        JsonNode n;
        try {
            n = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw ApiException.badRequest("expected a JSON object such as {\"from\":\"+19179056077\",\"to\":\"9175550123\","
                    + "\"extension\":\"101\",\"domain\":\"acme.example\",\"content\":\"Hi\"}");
        }
        for (String field : new String[] {"from", "to", "extension"}) {
            if (!n.hasNonNull(field) || !n.get(field).isValueNode() || n.get(field).asText().isBlank()) {
                throw ApiException.badRequest("'" + field + "' is required");
            }
        }
        String content = text(n, "content");
        String media = text(n, "media_url");
        String type = text(n, "type");
        if (media == null && "file".equalsIgnoreCase(type)) {
            media = content;
            content = text(n, "text");
        }
        return new SendRequest(n.get("from").asText().trim(), n.get("to").asText().trim(),
                n.get("extension").asText().trim(), text(n, "domain"), content, media);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw ApiException.badRequest("'" + field + "' must be a string");
        }
        return v.asText();
    }
}
