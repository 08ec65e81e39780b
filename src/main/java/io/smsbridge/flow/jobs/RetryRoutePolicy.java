package io.smsbridge.flow.jobs;

import io.smsbridge.core.retry.RetryPolicies;
import io.smsbridge.core.retry.RetryPolicy;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * The route policy a provider route (or the platform route) names to say which retry table judges
 * its outcomes: {@code routePolicy: retry-didww}. One bean {@code retry-<name>} exists for every
 * {@code retry.<name>.*} table in configuration; a copied route can name another table. A route
 * that serves several providers (the template route) names the parent table; each message is then
 * judged by its provider's own table under it ({@code retry.template.<id>.*}).
 */
public final class RetryRoutePolicy extends RoutePolicySupport {

    public static final String PROPERTY = "smsBridgeRetryPolicy";
    /** Set by the sender: the table of the message's provider. */
    public static final String PROVIDER_TABLE = "smsBridgeRetryTable";

    private final String table;
    private final RetryPolicies policies;

    public RetryRoutePolicy(String table, RetryPolicies policies) {
        this.table = table;
        this.policies = policies;
    }

    public static String beanName(String table) {
        return "retry-" + table;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        String own = exchange.getProperty(PROVIDER_TABLE, String.class);
        boolean child = own != null && own.startsWith(table + ".");
        exchange.setProperty(PROPERTY, policies.get(child ? own : table));
    }

    /** The table the route named, or the fallback when it named none. */
    public static RetryPolicy of(Exchange exchange, RetryPolicy fallback) {
        RetryPolicy p = exchange.getProperty(PROPERTY, RetryPolicy.class);
        return p != null ? p : fallback;
    }
}
