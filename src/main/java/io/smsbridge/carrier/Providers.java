package io.smsbridge.carrier;

import io.smsbridge.core.directory.ProviderSpec;
import io.smsbridge.carriers.template.ProviderTemplate;
import io.smsbridge.carriers.template.ProviderTemplates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The providers an integration can name: the built-in ones, whose routes live in
 * routes/providers/&lt;name&gt;.camel.yaml, and {@code template:<id>} for every provider template
 * (providers/*.json), all served by routes/providers/template.camel.yaml.
 */
public final class Providers {

    public static final String DIDWW = "didww";
    public static final String SANDBOX = "sandbox";
    public static final String THINQ = "thinq";
    public static final String TEMPLATE = "template";
    public static final String TEMPLATE_PREFIX = TEMPLATE + ":";

    private static final Map<String, ProviderSpec> BUILT_IN = Map.of(
            DIDWW, new ProviderSpec(DIDWW, List.of("username", "password"), true, false),
            THINQ, new ProviderSpec(THINQ, List.of("account-id", "username", "token"), true, true),
            SANDBOX, new ProviderSpec(SANDBOX, List.of(), false, true));

    private final ProviderTemplates templates;

    public Providers(ProviderTemplates templates) {
        this.templates = templates;
    }

    public static Providers builtIn() {
        return new Providers(ProviderTemplates.none());
    }

    /** What the provider needs and can do, or null for a provider nobody knows. */
    public ProviderSpec spec(String provider) {
        ProviderTemplate t = template(provider);
        if (t != null) {
            return new ProviderSpec(provider, List.of(), t.hasWebhooks(), t.supportsMms());
        }
        return BUILT_IN.get(provider);
    }

    /** The template behind {@code template:<id>}, or null. */
    public ProviderTemplate template(String provider) {
        return isTemplate(provider) ? templates.get(provider.substring(TEMPLATE_PREFIX.length())) : null;
    }

    public List<String> names() {
        List<String> out = new ArrayList<>(BUILT_IN.keySet().stream().sorted().toList());
        templates.ids().forEach(id -> out.add(TEMPLATE_PREFIX + id));
        return out;
    }

    public static boolean isTemplate(String provider) {
        return provider != null && provider.startsWith(TEMPLATE_PREFIX);
    }

    /** The name in the provider's routes: {@code direct:send-<route>}, {@code direct:parse-<route>}. */
    public static String route(String provider) {
        return isTemplate(provider) ? TEMPLATE : provider;
    }

    /**
     * The retry table ({@code retry.<table>.*}) that judges the provider's outcomes. A template's table
     * {@code template.<id>} takes every key it does not set from {@code retry.template.*}.
     */
    public static String retryTable(String provider) {
        return isTemplate(provider) ? TEMPLATE + "." + provider.substring(TEMPLATE_PREFIX.length()) : provider;
    }
}
