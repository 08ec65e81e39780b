package io.smsbridge.routes;

import io.smsbridge.boot.BridgeConfiguration;
import io.smsbridge.flow.jobs.RetryRoutePolicy;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped route files, loaded by camel-test-main-junit5 exactly as the application loads them:
 * every flow keeps its stable route ids (operators' copies and docs refer to them), every route
 * that calls out names its retry table, and the queue consumers let a stop through quickly.
 */
@CamelMainTest(
        configurationClasses = BridgeConfiguration.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {
                "camel.main.routes-include-pattern=file:routes/*.camel.yaml,file:routes/providers/*.camel.yaml",
                "camel.server.port=0",
                "camel.server.host=127.0.0.1",
                "camel.management.port=0",
                "db.url=jdbc:h2:mem:route-files;DB_CLOSE_DELAY=-1",
                "directory.file=config/directory.yaml"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteFilesTest {

    @BeanInject
    CamelContext context;

    @Test
    void everyFlowKeepsItsStableRouteIds() {
        assertThat(context.getRoutes().stream().map(Route::getRouteId)).contains(
                "webhook-receive", "inbound-store", "status-apply", "status-parked-sweep", "api-send-message", "api-get-message",
                "api-list-messages", "carrier-send", "platform-post", "jobs-poll", "directory-reload",
                "didww-parse", "didww-send", "thinq-parse", "thinq-send", "sandbox-send", "sandbox-events",
                "template-parse", "template-send");
    }

    @Test
    void routesThatCallOutNameTheirRetryTable() {
        for (String[] pair : new String[][] {{"didww-send", "didww"}, {"thinq-send", "thinq"},
                {"sandbox-send", "sandbox"}, {"template-send", "template"}, {"platform-post", "platform"}}) {
            Route route = context.getRoute(pair[0]);
            assertThat(route.getRoutePolicyList()).as(pair[0])
                    .anyMatch(p -> p instanceof RetryRoutePolicy
                            && p == context.getRegistry().lookupByName(RetryRoutePolicy.beanName(pair[1])));
        }
    }

    @Test
    void queueConsumersNoticeAStopWithinAFifthOfASecond() {
        // Camel stops routes one by one and each waits for its idle consumers' poll (1 s by default)
        assertThat(context.getRoutes().stream().map(Route::getEndpoint).filter(SedaEndpoint.class::isInstance)
                .map(SedaEndpoint.class::cast).map(e -> e.getEndpointBaseUri() + " " + e.getPollTimeout()))
                .containsExactlyInAnyOrder("seda://carrier-send 200", "seda://platform-post 200",
                        "seda://sandbox-events 200");
    }
}
