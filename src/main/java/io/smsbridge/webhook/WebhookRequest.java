package io.smsbridge.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsbridge.message.BadPayloadException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A carrier's webhook request reduced to what parsers need: the JSON document if the body is JSON,
 * and one flat map of parameters from the query string, a form body and the JSON's top-level values.
 */
public record WebhookRequest(String method, String contentType, String body, JsonNode json,
        Map<String, String> params) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static WebhookRequest of(String method, String contentType, String rawQuery, String body,
            Map<String, String> formFields) {
        Map<String, String> params = new LinkedHashMap<>();
        parseUrlEncoded(rawQuery, params);
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        JsonNode json = null;
        String b = body == null ? "" : body;
        if (!b.isBlank() && (ct.contains("json") || (ct.isEmpty() || ct.startsWith("text/")) && looksLikeJson(b))) {
            try {
                json = JSON.readTree(b);
            } catch (Exception e) {
                throw new BadPayloadException("the body is not valid JSON: " + e.getMessage().split("\n")[0]);
            }
            if (json != null && json.isObject()) {
                json.fields().forEachRemaining(f -> {
                    if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                        params.put(f.getKey(), f.getValue().asText());
                    }
                });
            }
        } else if (ct.contains("x-www-form-urlencoded") && !b.isBlank()) {
            parseUrlEncoded(b, params);
        }
        if (formFields != null) {
            formFields.forEach(params::putIfAbsent);
        }
        return new WebhookRequest(method, contentType, b, json, Map.copyOf(params));
    }

    private static boolean looksLikeJson(String body) {
        String t = body.stripLeading();
        return t.startsWith("{") || t.startsWith("[");
    }

    private static void parseUrlEncoded(String s, Map<String, String> into) {
        if (s == null || s.isEmpty()) {
            return;
        }
        for (String pair : s.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                into.put(k, v);
            } catch (IllegalArgumentException e) {
                throw new BadPayloadException("parameter '" + pair.split("=")[0] + "' is not URL-encoded correctly");
            }
        }
    }

    /** The first non-empty parameter among the given names, or null. */
    public String param(String... names) {
        for (String n : names) {
            String v = params.get(n);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    /** Whether any of the given parameters is present (even empty). */
    public boolean has(String... names) {
        for (String n : names) {
            if (params.containsKey(n)) {
                return true;
            }
        }
        return false;
    }
}
