package io.smsbridge.carriers.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.core.phone.NumberFormat;
import io.smsbridge.carriers.template.ProviderTemplate.ApiCall;
import io.smsbridge.carriers.template.ProviderTemplate.Auth;
import io.smsbridge.carriers.template.ProviderTemplate.Encoding;
import io.smsbridge.carriers.template.ProviderTemplate.EventType;
import io.smsbridge.carriers.template.ProviderTemplate.WebhookEvent;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates one provider template. Every error names the file and the JSON path
 * ({@code providers/acme.json: API.SendMessage.request_url: missing}) and says what to write instead.
 */
public final class TemplateParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH");

    private final String file;

    private TemplateParser(String file) {
        this.file = file;
    }

    /** @param fileName shown in errors; its base name is the id when the file gives none */
    public static ProviderTemplate parse(String json, String fileName) {
        return new TemplateParser(fileName).parse(json);
    }

    private ProviderTemplate parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception e) {
            throw new TemplateException(file + ": not valid JSON: " + e.getMessage().split("\n")[0]);
        }
        if (root == null || !root.isObject()) {
            throw new TemplateException(file + ": expected a JSON object with id, properties, auth, API and Webhook");
        }
        String id = optionalString(root, "id", "id");
        if (id == null) {
            String base = file.replace('\\', '/');
            base = base.substring(base.lastIndexOf('/') + 1);
            id = base.endsWith(".json") ? base.substring(0, base.length() - 5) : base;
        }
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw error("id", "'" + id + "' may hold only letters, digits, '.', '_' and '-' (64 at most)");
        }
        List<String> properties = properties(root.path("properties"));
        Set<String> requestNames = new LinkedHashSet<>(ProviderTemplate.MESSAGE_PLACEHOLDERS);
        requestNames.addAll(properties);
        Set<String> labels = Set.copyOf(properties);

        Auth auth = auth(root.path("auth"), labels);
        JsonNode api = root.path("API");
        if (!api.isObject()) {
            throw error("API", "missing: a template needs API.SendMessage (and API.SendFile for pictures)");
        }
        ApiCall sendMessage = apiCall(api.path("SendMessage"), "API.SendMessage", requestNames, true);
        ApiCall sendFile = api.has("SendFile") ? apiCall(api.get("SendFile"), "API.SendFile", requestNames, false)
                : null;
        List<WebhookEvent> events = webhooks(root.path("Webhook"));
        NumberFormat format;
        try {
            format = NumberFormat.fromConfig(optionalString(root, "number_format", "number_format"));
        } catch (IllegalArgumentException e) {
            throw error("number_format", e.getMessage());
        }
        return new ProviderTemplate(id, optionalString(root, "name", "name"), file, properties, auth, sendMessage,
                sendFile, events, format);
    }

    private List<String> properties(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error("properties", "expected a list of labels, e.g. [\"API key\"]");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode n = node.get(i);
            String path = "properties[" + i + "]";
            if (!n.isTextual() || n.asText().isBlank()) {
                throw error(path, "expected a label (text)");
            }
            String label = n.asText();
            if (label.contains("$")) {
                throw error(path, "'" + label + "' may not contain '$'");
            }
            if (ProviderTemplate.MESSAGE_PLACEHOLDERS.contains(label)) {
                throw error(path, "'" + label + "' is the name of a message placeholder; choose another label");
            }
            if (out.contains(label)) {
                throw error(path, "'" + label + "' is listed twice");
            }
            out.add(label);
        }
        return List.copyOf(out);
    }

    private Auth auth(JsonNode node, Set<String> labels) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw error("auth", "expected {\"type\":\"Bearer\",\"token\":…} or {\"type\":\"Basic\",\"username\":…,"
                    + "\"password\":…}");
        }
        String type = requiredString(node, "type", "auth.type");
        switch (type.toLowerCase(Locale.ROOT)) {
            case "none":
                return null;
            case "bearer":
                return new Auth("Bearer", credential(node, "token", labels), null, null);
            case "basic":
                return new Auth("Basic", null, credential(node, "username", labels),
                        credential(node, "password", labels));
            default:
                throw error("auth.type", "'" + type + "' is not supported; use Bearer or Basic (OAuth2 flows are"
                        + " not supported by the bridge)");
        }
    }

    private TemplateText credential(JsonNode auth, String field, Set<String> labels) {
        TemplateText t = text(requiredString(auth, field, "auth." + field), "auth." + field);
        checkNames(t, labels, "auth." + field, "the template's properties");
        return t;
    }

    private ApiCall apiCall(JsonNode node, String path, Set<String> names, boolean needsId) {
        if (!node.isObject()) {
            throw error(path, node.isMissingNode() ? "missing" : "expected an object");
        }
        String method = optionalString(node, "request_method", path + ".request_method");
        method = method == null ? "POST" : method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw error(path + ".request_method", "'" + method + "' is not one of GET, POST, PUT, PATCH");
        }
        String urlText = requiredString(node, "request_url", path + ".request_url");
        TemplateText url = text(urlText, path + ".request_url");
        checkNames(url, names, path + ".request_url", "a message placeholder or one of the properties");
        if (!urlText.startsWith("$") && !urlText.matches("(?i)https?://[^/$]+.*")) {
            throw error(path + ".request_url", "'" + urlText + "' is not an http(s) URL");
        }
        String contentType = optionalString(node, "request_content_type", path + ".request_content_type");
        Encoding encoding = encoding(method, contentType, path + ".request_content_type");
        if (contentType == null) {
            contentType = encoding == Encoding.JSON ? "application/json" : encoding == Encoding.FORM
                    ? "application/x-www-form-urlencoded" : null;
        }
        JsonNode params = jsonValue(node.path("request_parameters"), path + ".request_parameters");
        if (params == null) {
            params = JSON.createObjectNode();
        }
        if (encoding != Encoding.JSON) {
            if (!params.isObject()) {
                throw error(path + ".request_parameters", "a " + encoding.name().toLowerCase(Locale.ROOT)
                        + " request takes an object of name to value");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode()) {
                    throw error(path + ".request_parameters." + e.getKey(), "a " + encoding.name().toLowerCase(
                            Locale.ROOT) + " parameter must be a single value (nested objects need a JSON body)");
                }
            }
        }
        checkTree(params, path + ".request_parameters", names, "a message placeholder or one of the properties");
        JsonNode responseMap = jsonValue(node.path("response_map"), path + ".response_map");
        if (responseMap == null && needsId) {
            throw error(path + ".response_map", "missing: say where the answer holds the message id, e.g."
                    + " {\"data\":{\"id\":\"$messageid$\"}} (delivery reports are matched by it)");
        }
        if (responseMap != null) {
            checkTree(responseMap, path + ".response_map", Set.of("messageid"), "$messageid$");
            if (!ResponseMap.mentionsId(responseMap)) {
                throw error(path + ".response_map", "does not contain $messageid$");
            }
        }
        JsonNode errorMap = jsonValue(node.path("error_map"), path + ".error_map");
        if (errorMap != null) {
            checkTree(errorMap, path + ".error_map", Set.of("error_code", "reason"), "$error_code$ or $reason$");
        }
        return new ApiCall(method, url, contentType, encoding, params, responseMap, errorMap);
    }

    private Encoding encoding(String method, String contentType, String path) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (method.equals("GET")) {
            if (!ct.isEmpty() && !ct.equals("query")) {
                throw error(path, "a GET request has no body: leave request_content_type out (or write \"query\")");
            }
            return Encoding.QUERY;
        }
        if (ct.isEmpty() || ct.contains("json")) {
            return Encoding.JSON;
        }
        if (ct.contains("x-www-form-urlencoded")) {
            return Encoding.FORM;
        }
        if (ct.equals("query")) {
            return Encoding.QUERY;
        }
        throw error(path, "'" + contentType + "' is not supported; use application/json (or another JSON type),"
                + " application/x-www-form-urlencoded, or query");
    }

    private List<WebhookEvent> webhooks(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        List<WebhookEvent> out = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(event(node.get(i), null, "Webhook[" + i + "]"));
            }
        } else if (node.isObject() && (node.has("event_key") || node.has("request_parameters"))) {
            out.add(event(node, null, "Webhook"));
        } else if (node.isObject()) {
            // object form: event key -> event
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.add(event(e.getValue(), e.getKey(), "Webhook." + e.getKey()));
            }
        } else {
            throw error("Webhook", "expected a list of events (or an object of event key to event)");
        }
        Set<String> keys = new LinkedHashSet<>();
        for (WebhookEvent e : out) {
            if (!keys.add(e.key())) {
                throw error("Webhook", "event_key '" + e.key() + "' is used twice");
            }
        }
        return List.copyOf(out);
    }

    private WebhookEvent event(JsonNode node, String mapKey, String path) {
        if (!node.isObject()) {
            throw error(path, "expected an object with event_key, event_type and request_parameters");
        }
        String key = optionalString(node, "event_key", path + ".event_key");
        if (key == null) {
            key = mapKey;
        }
        if (key == null) {
            throw error(path + ".event_key", "missing");
        }
        String typeName = requiredString(node, "event_type", path + ".event_type");
        EventType type = EventType.of(typeName);
        if (type == null) {
            throw error(path + ".event_type", "'" + typeName + "' is not one of message, mms, messageDelivered,"
                    + " messageFailed, messageSent");
        }
        JsonNode model = jsonValue(node.path("request_parameters"), path + ".request_parameters");
        if (model == null || !(model.isObject() || model.isArray())) {
            throw error(path + ".request_parameters", "missing: the model of the request the carrier sends,"
                    + " e.g. {\"from\":\"$from$\",\"to\":\"$to$\",\"content\":\"$content$\"}");
        }
        Set<String> names = checkTree(model, path + ".request_parameters",
                Set.copyOf(ProviderTemplate.EVENT_PLACEHOLDERS), "an event placeholder");
        List<String> needed = switch (type) {
            case MESSAGE -> List.of("from", "to");
            case MMS -> List.of("from", "to", "url");
            default -> List.of("messageid");
        };
        for (String n : needed) {
            if (!names.contains(n)) {
                throw error(path + ".request_parameters", "a " + type.wireName() + " event needs $" + n + "$");
            }
        }
        if (type == EventType.MESSAGE && !names.contains("content") && !names.contains("text")) {
            throw error(path + ".request_parameters", "a message event needs $content$ (or $text$)");
        }
        return new WebhookEvent(key, type, bindEventKey(model, key));
    }

    /** {@code $event_key$} is the event's own key: a constant to match, not a value to read. */
    private static JsonNode bindEventKey(JsonNode model, String key) {
        if (model.isTextual()) {
            TemplateText t = TemplateText.parse(model.asText());
            return t.names().contains("event_key")
                    ? JSON.getNodeFactory().textNode(t.bind(Map.of("event_key", key)).toSource()) : model;
        }
        if (model.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            model.fields().forEachRemaining(e -> out.set(e.getKey(), bindEventKey(e.getValue(), key)));
            return out;
        }
        if (model.isArray()) {
            var out = JSON.createArrayNode();
            model.forEach(e -> out.add(bindEventKey(e, key)));
            return out;
        }
        return model;
    }

    /** Checks every placeholder in the tree's string values; returns the names used. */
    private Set<String> checkTree(JsonNode node, String path, Set<String> allowed, String what) {
        Set<String> used = new LinkedHashSet<>();
        walk(node, path, allowed, what, used);
        return used;
    }

    private void walk(JsonNode node, String path, Set<String> allowed, String what, Set<String> used) {
        if (node.isTextual()) {
            TemplateText t = text(node.asText(), path);
            checkNames(t, allowed, path, what);
            used.addAll(t.names());
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().contains("$")) {
                    throw error(path + "." + e.getKey(), "placeholders go in values, not in names");
                }
                walk(e.getValue(), path + "." + e.getKey(), allowed, what, used);
            }
        } else if (node.isArray()) {
            if (node.size() > 1 && (path.contains("response_map") || path.contains("error_map"))) {
                throw error(path, "an array in a map takes one element: the model of every element");
            }
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", allowed, what, used);
            }
        }
    }

    private void checkNames(TemplateText t, Set<String> allowed, String path, String what) {
        for (String n : t.names()) {
            if (!allowed.contains(n)) {
                throw error(path, "$" + n + "$ is not " + what + " (known: " + String.join(", ",
                        allowed.stream().sorted().map(s -> "$" + s + "$").toList()) + ")");
            }
        }
    }

    private TemplateText text(String s, String path) {
        try {
            return TemplateText.parse(s);
        } catch (IllegalArgumentException e) {
            throw error(path, e.getMessage());
        }
    }

    /** A JSON value given inline, or as a string that holds JSON (both occur in vendor files). */
    private JsonNode jsonValue(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            String s = node.asText().trim();
            if (s.startsWith("{") || s.startsWith("[")) {
                try {
                    return JSON.readTree(s);
                } catch (Exception e) {
                    throw error(path, "the text looks like JSON but is not valid: " + e.getMessage().split("\n")[0]);
                }
            }
        }
        return node;
    }

    private String requiredString(JsonNode node, String field, String path) {
        String v = optionalString(node, field, path);
        if (v == null) {
            throw error(path, "missing");
        }
        return v;
    }

    private String optionalString(JsonNode node, String field, String path) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw error(path, "expected text");
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    private TemplateException error(String path, String what) {
        return new TemplateException(file + ": " + path + ": " + what);
    }
}
