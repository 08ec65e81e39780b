package io.smsbridge.core.retry;

import io.smsbridge.carrier.Providers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The retry tables by name, read from configuration on first use. A table with a dotted name
 * ({@code template.acme-sms}) takes every key it does not set from its parent ({@code template}).
 */
public final class RetryPolicies {

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
        return get(Providers.retryTable(provider));
    }

    /** {@code retry.a.b.key}, else {@code retry.a.key}. */
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
        return v;
    }
}
