package io.smsbridge.retry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** The retry tables by name, read from configuration on first use. */
public final class RetryPolicies {

    private final UnaryOperator<String> properties;
    private final Map<String, RetryPolicy> cache = new ConcurrentHashMap<>();

    public RetryPolicies(UnaryOperator<String> properties) {
        this.properties = properties;
    }

    public RetryPolicy get(String name) {
        return cache.computeIfAbsent(name, n -> RetryPolicy.fromProperties(n, properties));
    }
}
