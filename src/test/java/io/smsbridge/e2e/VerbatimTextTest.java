package io.smsbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A customer's text with the characters that break naive parsers ({@code % & = +}, quotes, emoji,
 * line breaks, SQL and template look-alikes) reaches the platform byte for byte, from every
 * carrier in each body type it really sends, and never changes the sender or the kind of message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerbatimTextTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> TEXTS = List.of("50% off today", "see you&from=BANK",
            "x&type=mms&url=https://evil.example/a.jpg", "a=b=c&", "1+1=2 %2B %25", "\"double\" and 'single' quotes",
            "emoji 👍🏽 and 😊", "line1\nline2\r\nline3\ttab", "'; DROP TABLE messages;--",
            "$from$ $content$ {{env:HOME}} ${header.x}", "héllo ñ 中文 € ü", "back\\slash \\u0041 \\n",
            "%zz is text", " spaced out ");

    /** How each carrier really sends an inbound SMS: the path's integration, a content type, a body builder. */
    enum Encoding {
        DIDWW_JSON_TEXT, DIDWW_JSON_BASE64, DIDWW_FORM, DIDWW_GET, DIDWW_RAW_TEXT, THINQ_FORM, THINQ_JSON,
        TEMPLATE_JSON, DIDWW_TEMPLATE_FORM
    }

    TestBridge bridge;

    @BeforeAll
    void start() throws Exception {
        bridge = TestBridge.start(InputFixtures.DIRECTORY, Map.of());
        bridge.mock.stubFor(post(urlEqualTo("/platform/acme")).willReturn(ok()));
    }

    @AfterAll
    void stop() {
        bridge.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(Encoding.values()).flatMap(e -> TEXTS.stream().map(t -> Arguments.of(e, t)));
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static String json(Map<String, String> fields) {
        ObjectNode n = JSON.createObjectNode();
        fields.forEach(n::put);
        return n.toString();
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("cases")
    void reachesThePlatformByteForByte(Encoding encoding, String text) {
        String contact = Fixtures.contact();
        String digits = contact.substring(1);
        String id = UUID.randomUUID().toString();
        Map<String, String> f = new LinkedHashMap<>();
        TestBridge.Response r = switch (encoding) {
            case DIDWW_JSON_TEXT, DIDWW_RAW_TEXT -> {
                f.put("uuid", id);
                f.put("from", digits);
                f.put("to", InputFixtures.DIDWW.substring(1));
                f.put("time", "Tue, 03 Jun 2025 14:05:09 GMT");
                f.put("text", text);
                yield bridge.post(didww(), encoding == Encoding.DIDWW_JSON_TEXT ? "application/json" : "text/plain",
                        json(f));
            }
            case DIDWW_JSON_BASE64 -> {
                f.put("id", id);
                f.put("src_addr", digits);
                f.put("dst_addr", InputFixtures.DIDWW.substring(1));
                f.put("text", "the plain copy loses to Base64");
                f.put("text_b64", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
                yield bridge.postJson(didww(), json(f));
            }
            case DIDWW_FORM -> {
                f.put("uuid", id);
                f.put("from", "+" + digits);
                f.put("to", InputFixtures.DIDWW.substring(1));
                f.put("text", text);
                yield bridge.post(didww(), "application/x-www-form-urlencoded", form(f));
            }
            case DIDWW_GET -> {
                f.put("uuid", id);
                f.put("from", digits);
                f.put("to", InputFixtures.DIDWW.substring(1));
                f.put("text", text);
                yield bridge.get(didww() + "&" + form(f));
            }
            case THINQ_FORM, THINQ_JSON -> {
                f.put("from", digits.substring(1));
                f.put("to", InputFixtures.THINQ.substring(2));
                f.put("type", "sms");
                f.put("message", text);
                f.put("id", id);
                String path = "/webhooks/in-thinq?token=" + InputFixtures.THINQ_TOKEN;
                yield encoding == Encoding.THINQ_FORM ? bridge.post(path, "application/x-www-form-urlencoded", form(f))
                        : bridge.postJson(path, json(f));
            }
            case TEMPLATE_JSON -> {
                f.put("id", id);
                f.put("from", contact);
                f.put("to", InputFixtures.ACME_JSON);
                f.put("content", text);
                ObjectNode root = JSON.createObjectNode().put("method", "message");
                root.set("params", JSON.valueToTree(f));
                yield bridge.postJson("/webhooks/in-acme-json?token=" + InputFixtures.ACME_TOKEN, root.toString());
            }
            case DIDWW_TEMPLATE_FORM -> {
                f.put("uuid", id);
                f.put("src_addr", digits);
                f.put("dst_addr", InputFixtures.DIDWW_TPL.substring(1));
                f.put("text", text);
                yield bridge.post("/webhooks/in-didww-tpl?token=" + InputFixtures.TPL_TOKEN,
                        "application/x-www-form-urlencoded", form(f));
            }
        };
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !bridge.eventsFrom(contact).isEmpty());
        JsonNode event = bridge.eventsFrom(contact).get(0);
        assertThat(event.get("method").asText()).isEqualTo("message");
        assertThat(event.at("/params/content").asText()).isEqualTo(text);
        assertThat(event.at("/params/from").asText()).isEqualTo(contact);
    }

    private static String didww() {
        return "/webhooks/in-didww?token=" + InputFixtures.DIDWW_TOKEN;
    }
}
