package io.smsbridge.routes;

import io.smsbridge.boot.BridgeConfiguration;
import io.smsbridge.flow.jobs.RetryRoutePolicy;
import io.smsbridge.carrier.Carrier;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped route files, loaded by camel-test-main-junit5 exactly as the application loads them:
 * every flow keeps its stable route ids (operators' copies and docs refer to them), every route
 * that calls out names its retry table, and the queue consumers let a stop through quickly. No
 * carrier is named here: they come from the classpath.
 */
@CamelMainTest(
        configurationClasses = BridgeConfiguration.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {
                "camel.main.routes-include-pattern=file:routes/*.camel.yaml",
                "camel.server.port=0",
                "camel.server.host=127.0.0.1",
                "camel.management.port=0",
                "db.url=jdbc:h2:mem:route-files;DB_CLOSE_DELAY=-1",
                "directory.file=config/directory.yaml", "demo=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteFilesTest {

    @BeanInject
    CamelContext context;

    @Test
    void everyFlowKeepsItsStableRouteIds() {
        assertThat(context.getRoutes().stream().map(Route::getRouteId)).contains(
                "webhook-receive", "inbound-store", "platform-post", "api-send-message", "api-get-message",
                "api-list-messages", "carrier-send", "carrier-call", "carrier-follow-up", "status-apply",
                "status-parked-sweep", "jobs-poll", "directory-reload", "hand-off-platform", "hand-off-carrier",
                "hand-off-follow-ups", "hand-off-due", "openapi", "webhook-post", "api-send-message-rest");
        // an id Camel made up (route1) would change with the files' order
        assertThat(context.getRoutes().stream().map(Route::getRouteId)).noneMatch(id -> id.matches("route\\d+"));
    }

    @Test
    void routesThatCallOutNameTheirRetryTable() {
        for (String[] pair : new String[][] {{"carrier-call", RetryRoutePolicy.CARRIER}, {"platform-post", "platform"}}) {
            Route route = context.getRoute(pair[0]);
            assertThat(route.getRoutePolicyList()).as(pair[0])
                    .anyMatch(p -> p instanceof RetryRoutePolicy
                            && p == context.getRegistry().lookupByName(RetryRoutePolicy.beanName(pair[1])));
        }
    }

    @Test
    void aCopiedRouteCanNameTheTableOfAnyCarrierOnTheClasspath() {
        ServiceLoader.load(Carrier.class).forEach(c -> assertThat(context.getRegistry()
                .lookupByName(RetryRoutePolicy.beanName(c.name()))).as(c.name()).isInstanceOf(RetryRoutePolicy.class));
    }

    @Test
    void queueConsumersNoticeAStopWithinAFifthOfASecond() {
        // Camel stops routes one by one and each waits for its idle consumers' poll (1 s by default)
        assertThat(context.getRoutes().stream().map(Route::getEndpoint).filter(SedaEndpoint.class::isInstance)
                .map(SedaEndpoint.class::cast).map(e -> e.getEndpointBaseUri() + " " + e.getPollTimeout()))
                .containsExactlyInAnyOrder("seda://carrier-send 200", "seda://platform-post 200",
                        "seda://carrier-follow-up 200", "seda://bulk-send 200");
    }
}
