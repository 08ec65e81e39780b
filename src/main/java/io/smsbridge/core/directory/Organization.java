package io.smsbridge.core.directory;

import java.util.List;
import java.util.Map;

/** A tenant of the platform. {@code webhookUrl} may be null: messages are then stored only. */
public record Organization(String id, String domain, String webhookUrl, Map<String, String> webhookHeaders,
        List<String> apiKeys, boolean smartEncoding) {

    public Organization(String id, String domain, String webhookUrl, Map<String, String> webhookHeaders,
            List<String> apiKeys) {
        this(id, domain, webhookUrl, webhookHeaders, apiKeys, false);
    }

    @Override
    public String toString() {
        return "Organization[id=" + id + ", domain=" + domain + ", webhookUrl=" + webhookUrl + "]";
    }
}
