package io.smsbridge.core.retry;

import io.smsbridge.core.directory.ProviderName;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The retry tables by name, read from configuration on first use. A table takes every key it does
 * not set from its parent ({@code template.acme-sms} from {@code template}), and the top table from
 * {@code retry.default.*}: a carrier needs no table of its own.
 */
public final class RetryPolicies {

    /** The table every other one inherits from. */
    public static final String DEFAULT = "default";

    private final UnaryOperator<String> properties;
    private final Map<String, RetryPolicy> cache = new ConcurrentHashMap<>();

    public RetryPolicies(UnaryOperator<String> properties) {
        this.properties = properties;
    }

    public RetryPolicy get(String name) {
        return cache.computeIfAbsent(name, n -> RetryPolicy.fromProperties(n, this::inherited));
    }

    /** The table that judges a provider's outcomes. */
    public RetryPolicy forProvider(String provider) {
        return get(ProviderName.retryTable(provider));
    }

    /** {@code retry.a.b.key}, else {@code retry.a.key}, else {@code retry.default.key}. */
    private String inherited(String key) {
        String v = properties.apply(key);
        String rest = key.substring("retry.".length());
        int keyDot = rest.lastIndexOf('.');
        while (v == null && keyDot > 0) {
            String table = rest.substring(0, keyDot);
            int parentDot = table.lastIndexOf('.');
            if (parentDot < 0) {
                break;
            }
            rest = table.substring(0, parentDot) + rest.substring(keyDot);
            keyDot = parentDot;
            v = properties.apply("retry." + rest);
        }
        return v != null ? v : properties.apply("retry." + DEFAULT + key.substring(key.lastIndexOf('.')));
    }
}
