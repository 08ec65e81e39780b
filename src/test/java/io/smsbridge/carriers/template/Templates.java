package io.smsbridge.carriers.template;

import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.message.OutboundSms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;

/** The shipped templates (providers/) and small helpers for the template tests. */
final class Templates {

    static final ProviderTemplates SHIPPED = ProviderTemplates.load(Path.of("providers"));

    private Templates() {
    }

    static ProviderTemplate shipped(String id) {
        return SHIPPED.get(id);
    }

    /** A template from inline JSON (single quotes become double quotes, for readable test tables). */
    static ProviderTemplate parse(String json) {
        return TemplateParser.parse(json.replace('\'', '"'), "providers/test.json");
    }

    static Integration integration(String provider, Map<String, String> properties) {
        Map<String, String> settings = new LinkedHashMap<>();
        properties.forEach((k, v) -> settings.put(Integration.PROPERTY_PREFIX + k, v));
        return new Integration("it-1", "acme", provider, "t".repeat(16), settings);
    }

    static OutboundSms sms(Integration integration, String text, List<String> media) {
        return new OutboundSms("msg-1", integration, "+19179056077", "+37041654321", "101@acme.example", text,
                media, 1);
    }
}
