package io.smsbridge.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsbridge.core.codec.FormFields;
import io.smsbridge.core.refusal.MalformedRequest;
import io.smsbridge.core.codec.MediaTypes;
import io.smsbridge.core.codec.StrictJson;
import io.smsbridge.core.message.BadPayloadException;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A carrier's webhook request reduced to what parsers need: the JSON document if the body is JSON,
 * and one flat map of fields from the query string and the body (a form's fields or the JSON's
 * top-level values). The body is decoded once, by its content type; no value is ever re-encoded, so
 * a message text holding {@code &from=BANK} stays text. The webhook token is never a field.
 */
public record WebhookRequest(String method, String contentType, JsonNode json, Map<String, String> params,
        Set<String> nonScalar) {

    /** Fields that carry the token, in the query only; a body field of these names is dropped unread. */
    static final Set<String> TOKEN_FIELDS = Set.of("token", "x-webhook-token");

    /**
     * @param query           the query string's fields, decoded by {@link FormFields}
     * @param multipartFields the fields of a multipart/form-data body, as the HTTP server decoded them
     */
    public static WebhookRequest parse(String method, String contentType, Charset charset, Map<String, String> query,
            byte[] body, Map<String, String> multipartFields) {
        Map<String, String> params = new LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (!isToken(k)) {
                params.put(k, v);
            }
        });
        Map<String, String> fromBody = new LinkedHashMap<>();
        Set<String> nonScalar = new TreeSet<>();
        JsonNode json = null;
        String media = MediaTypes.of(contentType);
        byte[] b = body == null ? new byte[0] : body;
        if (isJson(media) || (media.isEmpty() || media.startsWith("text/")) && looksLikeJson(b)) {
            json = StrictJson.read(b, charset);
            if (json != null && !json.isObject()) {
                throw new MalformedRequest(null, "the body must be a JSON object, not a JSON "
                        + json.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            if (json != null) {
                json.fields().forEachRemaining(f -> {
                    if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                        fromBody.put(f.getKey(), f.getValue().asText());
                    } else if (f.getValue().isContainerNode()) {
                        nonScalar.add(f.getKey());
                    }
                });
            }
        } else if (media.equals("application/x-www-form-urlencoded")) {
            // a form body is ASCII: its bytes map 1:1, and the %-escapes are decoded in the charset
            fromBody.putAll(FormFields.parse(new String(b, StandardCharsets.ISO_8859_1), charset, "form body"));
        } else if (media.equals("multipart/form-data")) {
            fromBody.putAll(multipartFields);
        } else if (b.length > 0 && !media.isEmpty() && !media.startsWith("text/")) {
            throw MalformedRequest.unsupportedMediaType("a webhook body of type " + media + " is not read; send JSON,"
                    + " a form (application/x-www-form-urlencoded or multipart/form-data) or query parameters");
        }
        fromBody.forEach((k, v) -> {
            if (isToken(k)) {
                return; // a body field never authenticates, and is never read
            }
            if (params.containsKey(k)) {
                throw new MalformedRequest(k, "field '" + k + "' is both in the query string and in the body;"
                        + " send it once");
            }
            params.put(k, v);
        });
        return new WebhookRequest(method, contentType, json, Collections.unmodifiableMap(params),
                Collections.unmodifiableSet(nonScalar));
    }

    /** A JSON body or a form body as a test writes it (UTF-8). */
    public static WebhookRequest parse(String method, String contentType, String rawQuery, String body) {
        return parse(method, contentType, StandardCharsets.UTF_8,
                FormFields.parse(rawQuery, StandardCharsets.UTF_8, "query string"),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static boolean isToken(String name) {
        return TOKEN_FIELDS.contains(name.toLowerCase(java.util.Locale.ROOT));
    }

    static boolean isJson(String media) {
        return media.equals("application/json") || media.endsWith("+json") || media.equals("text/json");
    }

    private static boolean looksLikeJson(byte[] body) {
        for (byte x : body) {
            if (x == '{' || x == '[') {
                return true;
            }
            if (x != ' ' && x != '\t' && x != '\r' && x != '\n') {
                return false;
            }
        }
        return false;
    }

    /** The first non-empty parameter among the given names, or null; a JSON object or array there is refused. */
    public String param(String... names) {
        for (String n : names) {
            if (nonScalar.contains(n)) {
                throw new BadPayloadException("field '" + n + "' must be a string or a number, not an object or"
                        + " an array");
            }
            String v = params.get(n);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    /** The parameter's value as sent (may be empty), or null when absent; a JSON object or array is refused. */
    public String value(String name) {
        if (nonScalar.contains(name)) {
            return param(name);
        }
        return params.get(name);
    }

    /** The names of the fields received, for an error that says what came (at most 20). */
    public String fieldNames() {
        Set<String> names = new TreeSet<>(params.keySet());
        names.addAll(nonScalar);
        return names.size() <= 20 ? names.toString()
                : names.stream().limit(20).toList() + " and " + (names.size() - 20) + " more";
    }

    /** Whether any of the given parameters is present (even empty). */
    public boolean has(String... names) {
        for (String n : names) {
            if (params.containsKey(n) || nonScalar.contains(n)) {
                return true;
            }
        }
        return false;
    }
}
