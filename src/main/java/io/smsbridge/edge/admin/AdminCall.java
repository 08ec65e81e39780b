package io.smsbridge.edge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.core.codec.FormFields;
import io.smsbridge.core.codec.StrictJson;
import io.smsbridge.core.refusal.MalformedRequest;
import io.smsbridge.core.refusal.Refusal;
import io.smsbridge.edge.http.RawRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/** One admin request: who asks, the URL's parameters, the query and the JSON body. */
public final class AdminCall {

    private final Principal principal;
    private final RawRequest request;
    private final Map<String, String> query;
    private final String source;

    AdminCall(Principal principal, RawRequest request, String source) {
        this.principal = principal;
        this.request = request;
        this.source = source;
        try {
            this.query = FormFields.parse(request.rawQuery(), StandardCharsets.UTF_8, "query string");
        } catch (MalformedRequest e) {
            throw Refusal.badRequest(e.getMessage(), e.field());
        }
    }

    /** The Authorization header (the admin's bearer token). */
    public String authorization() {
        return request.header("Authorization");
    }

    /** The address the request came from. */
    public String source() {
        return source;
    }

    public Principal principal() {
        return principal;
    }

    /** A path parameter, decoded ({@code %2B} is '+'). */
    public String path(String name) {
        String v = request.pathParam(name);
        return v == null ? null : URLDecoder.decode(v.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public String query(String name) {
        String v = query.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    public Instant instant(String name) {
        String v = query(name);
        try {
            return v == null ? null : Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw Refusal.unprocessable("invalid_field", name + ": '" + v + "' is not an ISO-8601 instant such as"
                    + " 2026-12-07T10:00:00Z", name);
        }
    }

    public int limit(int fallback, int max) {
        String v = query("limit");
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw Refusal.unprocessable("invalid_field", "limit: give a whole number from 1 to " + max, "limit");
    }

    /** The body as a JSON object (400 when it is not one). */
    public ObjectNode body() {
        JsonNode body;
        try {
            body = StrictJson.read(request.body(), request.charset());
        } catch (MalformedRequest e) {
            throw Refusal.badRequest(e.getMessage(), e.field());
        }
        if (!(body instanceof ObjectNode o)) {
            throw Refusal.badRequest("the body must be a JSON object");
        }
        return o;
    }

    /** The body, refused (422, naming the field) when it holds a field outside {@code allowed}. */
    public ObjectNode body(Set<String> allowed) {
        ObjectNode b = body();
        b.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw Refusal.unprocessable("unknown_field", "unknown field '" + f + "'; this request takes "
                        + String.join(", ", new java.util.TreeSet<>(allowed)), f);
            }
        });
        return b;
    }

    /** A required text field of the body. */
    public static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw Refusal.unprocessable("missing_field", field + ": missing", field);
        }
        return v.asText().trim();
    }
}
