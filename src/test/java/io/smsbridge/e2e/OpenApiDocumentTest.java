package io.smsbridge.e2e;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.apache.camel.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** /openapi.json is valid OpenAPI 3 and describes every HTTP operation the bridge serves. */
class OpenApiDocumentTest {

    static TestBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = TestBridge.start(Fixtures.DIRECTORY, Map.of());
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void everyServedOperationIsDescribed() {
        TestBridge.Response r = bridge.get("/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(r.body(), null, null);
        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getOpenapi()).startsWith("3.");

        Set<String> documented = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(m -> documented.add(m.name() + " " + path)));
        Set<String> served = new TreeSet<>();
        for (Route route : bridge.context().getRoutes()) {
            String uri = route.getEndpoint().getEndpointUri();
            if (uri.startsWith("rest:")) {
                served.add(operation(uri));
            }
        }
        assertThat(served).contains("POST /api/v1/messages", "GET /api/v1/messages/{id}",
                "POST /webhooks/{integrationId}");
        assertThat(documented).containsAll(served);
        System.out.println("OpenAPI: " + api.getPaths().size() + " paths, " + documented.size() + " operations");
    }

    /** "METHOD /path" of a rest route's endpoint (rest://post:/api/v1:/messages?...). */
    private static String operation(String uri) {
        String[] parts = java.net.URLDecoder.decode(uri, java.nio.charset.StandardCharsets.UTF_8).replaceFirst("^rest:(//)?", "").split("\\?")[0].split(":", 3);
        String path = parts[1] + (parts.length > 2 ? parts[2] : "");
        return parts[0].toUpperCase(Locale.ROOT) + " " + path;
    }
}
