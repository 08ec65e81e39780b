package io.smsbridge.carriers.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsbridge.core.phone.NumberFormat;

import java.util.List;

/**
 * A carrier described by a JSON file in the platform's JSON framework format (docs/carriers/json-template.md),
 * validated by {@link TemplateParser}.
 *
 * @param id           what an integration names as {@code provider: template:<id>}
 * @param file         where it was read from (for messages)
 * @param properties   labels of the values each integration gives ({@code $<label>$})
 * @param auth         how requests authenticate, or null for none
 * @param sendMessage  the SMS request
 * @param sendFile     the MMS request, or null when the carrier takes no pictures
 * @param webhooks     the events the carrier posts back, in file order
 * @param numberFormat how {@code $from$} and {@code $to$} are written (bridge extension, default e164)
 */
public record ProviderTemplate(String id, String name, String file, List<String> properties, Auth auth,
        ApiCall sendMessage, ApiCall sendFile, List<WebhookEvent> webhooks, NumberFormat numberFormat) {

    /** The placeholders a request template can use besides the property labels. */
    public static final List<String> MESSAGE_PLACEHOLDERS =
            List.of("from", "to", "extension", "domain", "content", "text", "reference");

    /** The placeholders an event model can use. */
    public static final List<String> EVENT_PLACEHOLDERS =
            List.of("from", "to", "content", "text", "url", "messageid", "error_code", "reason", "event_key");

    public boolean supportsMms() {
        return sendFile != null;
    }

    public boolean hasWebhooks() {
        return !webhooks.isEmpty();
    }

    /** {@code Bearer} with a token, or {@code Basic} with a user name and password. */
    public record Auth(String type, TemplateText token, TemplateText username, TemplateText password) {
    }

    /**
     * One request: {@code API.SendMessage} or {@code API.SendFile}.
     *
     * @param contentType what {@code request_parameters} are written as: a JSON type, form, or query
     * @param parameters  the request template (JSON)
     * @param responseMap where the answer holds {@code $messageid$}
     * @param errorMap    where a failure answer holds {@code $error_code$} and {@code $reason$}, or null
     *                    (bridge extension)
     */
    public record ApiCall(String method, TemplateText url, String contentType, Encoding encoding,
            JsonNode parameters, JsonNode responseMap, JsonNode errorMap) {
    }

    /** How request parameters travel, and so how values are escaped. */
    public enum Encoding {
        /** A JSON body: values are JSON strings. */
        JSON,
        /** {@code application/x-www-form-urlencoded}: values are form-encoded. */
        FORM,
        /** On the URL's query string (GET, or {@code request_content_type: query}): values are percent-encoded. */
        QUERY
    }

    /** What an event carries into the bridge. */
    public enum EventType {
        MESSAGE("message"), MMS("mms"), DELIVERED("messageDelivered"), FAILED("messageFailed"),
        SENT("messageSent");

        private final String wireName;

        EventType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public boolean isInbound() {
            return this == MESSAGE || this == MMS;
        }

        public static EventType of(String name) {
            for (EventType t : values()) {
                if (t.wireName.equalsIgnoreCase(name)) {
                    return t;
                }
            }
            return null;
        }
    }

    /**
     * One {@code Webhook} entry: the model a carrier request must fit, with {@code $event_key$}
     * already replaced by the key.
     */
    public record WebhookEvent(String key, EventType type, JsonNode model) {
    }
}
