package io.smsbridge.retry;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * The route policy a provider route (or the platform route) names to say which retry table judges
 * its outcomes: {@code routePolicy: retry-didww}. One bean {@code retry-<name>} exists for every
 * {@code retry.<name>.*} table in configuration; a copied route can name another table.
 */
public final class RetryRoutePolicy extends RoutePolicySupport {

    public static final String PROPERTY = "smsBridgeRetryPolicy";
    private final RetryPolicy policy;

    public RetryRoutePolicy(RetryPolicy policy) {
        this.policy = policy;
    }

    public static String beanName(String table) {
        return "retry-" + table;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        exchange.setProperty(PROPERTY, policy);
    }

    /** The table the route named, or the fallback when it named none. */
    public static RetryPolicy of(Exchange exchange, RetryPolicy fallback) {
        RetryPolicy p = exchange.getProperty(PROPERTY, RetryPolicy.class);
        return p != null ? p : fallback;
    }
}
