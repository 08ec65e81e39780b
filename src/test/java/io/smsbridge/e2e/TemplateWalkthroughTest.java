package io.smsbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.smsbridge.e2e.Fixtures.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/carriers/json-template.md's walkthrough, run as written: its template file and its directory entries,
 * with only the carrier's URL pointed at WireMock.
 */
class TemplateWalkthroughTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCarrierAddedByAFileAndADirectoryEntryWorks() throws Exception {
        String readme = Files.readString(Path.of("docs", "carriers", "json-template.md"));
        String template = block(readme, "json");
        String yaml = block(readme, "yaml");
        String integrations = yaml.substring(yaml.indexOf("integrations:") + "integrations:".length(),
                yaml.indexOf("numbers:"));
        String numbers = yaml.substring(yaml.indexOf("numbers:") + "numbers:".length());

        Path providers = Files.createDirectories(Path.of("target", "walkthrough-providers"));
        Files.writeString(providers.resolve("mycarrier.json"), template);
        String directory = """
                organizations:
                  - id: acme
                    domain: acme.example
                    platform:
                      webhook-url: ${mock}/platform/acme
                    api-keys: [ "%s" ]
                    integrations:%s
                        base-url: ${mock}/mycarrier
                    numbers:%s""".formatted(API_KEY, indent(integrations), indent(numbers));

        try (TestBridge bridge = TestBridge.start(directory, Map.of("providers.dir", providers.toString(), "demo", "true"))) {
            bridge.mock.stubFor(post("/mycarrier/sms").willReturn(aResponse().withStatus(200)
                    .withBody("{\"id\":\"mc-1\"}")));
            bridge.mock.stubFor(post("/platform/acme").willReturn(aResponse().withStatus(200)));

            TestBridge.Response sent = bridge.postJson("/api/v1/messages", """
                    {"from":"+15550100003","to":"+12025550143","extension":"101","domain":"acme.example",
                     "content":"Hello from my carrier"}""", "Authorization", "Bearer " + API_KEY);
            assertThat(sent.status()).as(sent.body()).isEqualTo(202);
            String id = sent.json().at("/data/id").asText();
            assertThat(bridge.carrierId(id)).isEqualTo("mc-1");
            var out = bridge.mock.findAll(postRequestedFor(urlEqualTo("/mycarrier/sms"))).get(0);
            assertThat(out.getHeader("Authorization")).isEqualTo("Bearer dev-mycarrier-key");
            JsonNode body = JSON.readTree(out.getBodyAsString());
            assertThat(body.get("text").asText()).isEqualTo("Hello from my carrier");

            String hook = "/webhooks/acme-mycarrier?token=dev-mycarrier-token-change-me";
            assertThat(bridge.postJson(hook, "{\"event\":\"dlr\",\"id\":\"mc-1\",\"status\":\"delivered\"}").status())
                    .isEqualTo(200);
            await().until(() -> bridge.eventsAbout(id).size() == 1);
            assertThat(bridge.eventsAbout(id).get(0).get("method").asText()).isEqualTo("delivered");

            assertThat(bridge.postJson(hook, """
                    {"event":"inbound","from":"+12025550143","to":"+15550100003","text":"Got it"}""").status())
                    .isEqualTo(200);
            await().until(() -> bridge.eventsFrom("+12025550143").size() == 1);
            // the user who wrote first owns the conversation: the reply reaches only them
            assertThat(bridge.eventsFrom("+12025550143").get(0).at("/params/group").asBoolean()).isFalse();
        }
    }

    private static String block(String markdown, String language) {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        assertThat(m.find()).as("a ```" + language + " block in docs/carriers/json-template.md").isTrue();
        // the walkthrough's blocks are indented under their list item
        return m.group(1).replaceAll("(?m)^   ", "");
    }

    private static String indent(String s) {
        return s.replaceAll("(?m)^", "    ").stripTrailing();
    }
}
