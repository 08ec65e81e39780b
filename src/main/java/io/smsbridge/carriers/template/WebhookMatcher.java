package io.smsbridge.carriers.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsbridge.carriers.template.ProviderTemplate.EventType;
import io.smsbridge.carriers.template.ProviderTemplate.WebhookEvent;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds which {@code Webhook} event of a template a carrier's request is, and reads its placeholders.
 * Literal values in a model must be there and equal (case aside): they tell events apart, as
 * {@code "method":"$event_key$"} does in the platform's own format. Placeholders are read where
 * present; an array in a model is the model of every element, and values from all elements are kept
 * (several pictures). Of the events that fit, the one with the most literal values wins.
 */
public final class WebhookMatcher {

    private WebhookMatcher() {
    }

    /** The event and the values read for it. */
    public record Match(WebhookEvent event, Map<String, List<String>> values) {

        public String first(String name) {
            List<String> v = values.get(name);
            return v == null || v.isEmpty() || v.get(0).isBlank() ? null : v.get(0);
        }

        public List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }
    }

    /** Why no event fitted: one line per event. */
    public static final class NoMatch extends RuntimeException {
        public NoMatch(String message) {
            super(message);
        }
    }

    public static Match match(List<WebhookEvent> events, JsonNode request) {
        Match best = null;
        int bestScore = -1;
        List<String> misses = new ArrayList<>();
        for (WebhookEvent e : events) {
            Walk w = new Walk();
            if (!w.match(e.model(), request, "")) {
                misses.add(e.key() + ": " + w.reason);
                continue;
            }
            String missing = missingValue(e.type(), w.values);
            if (missing != null) {
                misses.add(e.key() + ": " + missing);
                continue;
            }
            if (w.score > bestScore) {
                best = new Match(e, w.values);
                bestScore = w.score;
            }
        }
        if (best == null) {
            throw new NoMatch(String.join("; ", misses));
        }
        return best;
    }

    private static String missingValue(EventType type, Map<String, List<String>> values) {
        List<String> needed = switch (type) {
            case MESSAGE -> List.of("from", "to");
            case MMS -> List.of("from", "to", "url");
            default -> List.of("messageid");
        };
        for (String n : needed) {
            List<String> v = values.get(n);
            if (v == null || v.isEmpty() || v.get(0).isBlank()) {
                return "no value for $" + n + "$";
            }
        }
        if (type == EventType.MESSAGE && !values.containsKey("content") && !values.containsKey("text")) {
            return "no value for $content$";
        }
        return null;
    }

    private static final class Walk {
        final Map<String, List<String>> values = new LinkedHashMap<>();
        int score;
        String reason;

        boolean match(JsonNode model, JsonNode actual, String path) {
            boolean absent = actual == null || actual.isMissingNode() || actual.isNull();
            if (model.isObject()) {
                if (absent) {
                    return noConstants(model, path);
                }
                if (!actual.isObject()) {
                    return miss(path, "expected an object");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = model.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!match(e.getValue(), actual.get(e.getKey()), path.isEmpty() ? e.getKey()
                            : path + "." + e.getKey())) {
                        return false;
                    }
                }
                return true;
            }
            if (model.isArray()) {
                if (model.isEmpty()) {
                    return true;
                }
                if (absent) {
                    return noConstants(model, path);
                }
                if (!actual.isArray()) {
                    return match(model.get(0), actual, path);
                }
                for (JsonNode element : actual) {
                    Walk w = new Walk();
                    if (w.match(model.get(0), element, path + "[]")) {
                        w.values.forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
                        score += w.score;
                    }
                }
                return true;
            }
            TemplateText t = TemplateText.parse(model.asText());
            if (t.isConstant()) {
                if (absent || !actual.isValueNode()) {
                    return miss(path, "missing (expected '" + t.constant() + "')");
                }
                if (!TemplateText.sameConstant(t.constant(), actual.asText())) {
                    return miss(path, "is '" + actual.asText() + "', expected '" + t.constant() + "'");
                }
                score++;
                return true;
            }
            if (absent) {
                return true; // a value the carrier left out; whether the event needs it is checked after
            }
            if (!actual.isValueNode()) {
                return miss(path, "expected a single value");
            }
            Map<String, String> read = t.extract(actual.asText());
            if (read == null) {
                return miss(path, "'" + actual.asText() + "' does not have the form '" + t + "'");
            }
            read.forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            return true;
        }

        private boolean noConstants(JsonNode model, String path) {
            if (model.isTextual()) {
                TemplateText t = TemplateText.parse(model.asText());
                return t.isConstant() ? miss(path, "missing (expected '" + t.constant() + "')") : true;
            }
            if (model.isValueNode()) {
                return miss(path, "missing (expected '" + model.asText() + "')");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = model.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!noConstants(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey())) {
                    return false;
                }
            }
            if (model.isArray() && !model.isEmpty()) {
                return noConstants(model.get(0), path + "[]");
            }
            return true;
        }

        private boolean miss(String path, String what) {
            reason = (path.isEmpty() ? "the request" : "'" + path + "'") + " " + what;
            return false;
        }
    }
}
