package io.smsbridge.core.directory;

import java.util.List;

/**
 * What the directory must give an integration of a provider, and what the provider can do.
 *
 * @param name             value of {@code provider:} in the directory
 * @param requiredSettings settings an integration must have
 * @param needsWebhookToken whether carriers call our webhook for it
 * @param supportsMms      whether pictures can be sent through it
 */
public record ProviderSpec(String name, List<String> requiredSettings, boolean needsWebhookToken,
        boolean supportsMms) {
}
