package io.smsbridge.carriers.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsbridge.carrier.CarrierAnswer;

import java.util.Iterator;
import java.util.Map;

/**
 * Reads the carrier's message id out of its answer with a template's {@code response_map}: the map
 * has the answer's shape, and {@code $messageid$} stands where the id is. An array in the map is the
 * model of every element (the first element that has an id wins); a bare {@code "$messageid$"} is the
 * whole answer (a carrier that answers with the id as plain text). Other values are not checked.
 */
public final class ResponseMap {

    static final String ID = "messageid";

    private ResponseMap() {
    }

    /** The id, or null when the answer does not hold one where the map says. */
    public static String extract(JsonNode map, String body) {
        return extract(map, body, ID);
    }

    /** The value of placeholder {@code name}, or null when the answer does not hold it where the map says. */
    public static String extract(JsonNode map, String body, String name) {
        if (map == null || body == null || body.isBlank()) {
            return null;
        }
        if (map.isTextual()) {
            JsonNode json = new CarrierAnswer(200, body, null).json();
            String whole = json != null && json.isValueNode() ? json.asText() : body.trim();
            return blankToNull(read(TemplateText.parse(map.asText()), whole, name));
        }
        JsonNode json = new CarrierAnswer(200, body, null).json();
        return json == null ? null : blankToNull(find(map, json, name));
    }

    private static String find(JsonNode map, JsonNode actual, String name) {
        if (actual == null || actual.isMissingNode() || actual.isNull()) {
            return null;
        }
        if (map.isTextual()) {
            return actual.isValueNode() ? read(TemplateText.parse(map.asText()), actual.asText(), name) : null;
        }
        if (map.isObject()) {
            if (!actual.isObject()) {
                return null;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (mentions(e.getValue(), name)) {
                    String id = find(e.getValue(), actual.get(e.getKey()), name);
                    if (id != null) {
                        return id;
                    }
                }
            }
            return null;
        }
        if (map.isArray() && !map.isEmpty()) {
            if (!actual.isArray()) {
                return find(map.get(0), actual, name); // a single answer where a list was described
            }
            for (JsonNode element : actual) {
                String id = find(map.get(0), element, name);
                if (id != null) {
                    return id;
                }
            }
        }
        return null;
    }

    private static String read(TemplateText text, String value, String name) {
        Map<String, String> values = text.extract(value);
        return values == null ? null : values.get(name);
    }

    /** Whether the (part of the) map says where the id is. */
    public static boolean mentionsId(JsonNode map) {
        return mentions(map, ID);
    }

    private static boolean mentions(JsonNode map, String name) {
        if (map.isTextual()) {
            return TemplateText.parse(map.asText()).names().contains(name);
        }
        for (JsonNode child : map) {
            if (mentions(child, name)) {
                return true;
            }
        }
        return false;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
