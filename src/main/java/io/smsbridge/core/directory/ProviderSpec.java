package io.smsbridge.core.directory;

import java.util.List;
import java.util.Set;

/**
 * What the directory must give an integration of a provider, and what the provider can do.
 *
 * @param name              value of {@code provider:} in the directory
 * @param requiredSettings  settings an integration must have
 * @param optionalSettings  settings it may have besides those and the ones every integration takes
 * @param needsWebhookToken whether carriers call our webhook for it
 * @param supportsMms       whether pictures can be sent through it
 * @param properties        the labels of a template's {@code properties:}, or null when it takes none
 * @param canLookUp         whether the carrier can be asked if it took a message ({@code on-uncertain: check})
 */
public record ProviderSpec(String name, List<String> requiredSettings, List<String> optionalSettings,
        boolean needsWebhookToken, boolean supportsMms, List<String> properties, boolean canLookUp) {

    /** Settings any integration may set, whatever its provider. */
    public static final Set<String> COMMON_SETTINGS = Set.of("base-url", "mms-fallback", "delivery-receipts",
            "on-uncertain");

    /** A provider whose carrier cannot look a message up. */
    public ProviderSpec(String name, List<String> requiredSettings, List<String> optionalSettings,
            boolean needsWebhookToken, boolean supportsMms, List<String> properties) {
        this(name, requiredSettings, optionalSettings, needsWebhookToken, supportsMms, properties, false);
    }

    public ProviderSpec {
        requiredSettings = List.copyOf(requiredSettings);
        optionalSettings = List.copyOf(optionalSettings);
        properties = properties == null ? null : List.copyOf(properties);
    }

    /** Every setting an integration of this provider may have. */
    public Set<String> knownSettings() {
        Set<String> out = new java.util.TreeSet<>(COMMON_SETTINGS);
        out.addAll(requiredSettings);
        out.addAll(optionalSettings);
        return out;
    }
}
