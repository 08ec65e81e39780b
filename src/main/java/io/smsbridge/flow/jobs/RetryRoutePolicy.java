package io.smsbridge.flow.jobs;

import io.smsbridge.core.retry.RetryPolicies;
import io.smsbridge.core.retry.RetryPolicy;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * The route policy a sending route names to say which retry table judges its outcomes:
 * {@code routePolicy: retry-platform}. {@code retry-carrier} judges each message by its provider's
 * table ({@code retry.<provider>.*}); {@code retry-<carrier>} by that carrier's table, and a
 * provider under it ({@code template:acme-sms}) by its own table under it ({@code retry.template.acme-sms.*}).
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

    /** The bean {@code retry-carrier}: each message by its own provider's table. */
    public static final String CARRIER = "carrier";

    public static String beanName(String table) {
        return "retry-" + table;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        String own = exchange.getProperty(PROVIDER_TABLE, String.class);
        boolean child = own != null && (table.equals(CARRIER) || own.startsWith(table + "."));
        exchange.setProperty(PROPERTY, policies.get(child ? own : table));
    }

    /** The table the route named, or the fallback when it named none. */
    public static RetryPolicy of(Exchange exchange, RetryPolicy fallback) {
        RetryPolicy p = exchange.getProperty(PROPERTY, RetryPolicy.class);
        return p != null ? p : fallback;
    }
}
