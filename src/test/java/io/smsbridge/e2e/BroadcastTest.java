package io.smsbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Broadcasts: one text to many contacts. On DIDWW one bulk_outbound_messages request per chunk,
 * each contact's message mapped to its own carrier id and callbacks; on thinQ one send per contact;
 * skipped contacts (not a number, a repeat, opted out) reported; a bad contact fails alone.
 */
class BroadcastTest {

    static final String KEY = "broadcast-api-key-0001-secret";
    static final String OTHER_KEY = "broadcast-api-key-0002-secret";
    static final String TOKEN = "broadcast-webhook-token-0001";
    static final String DIDWW = "+19179056301";
    static final String REFUSING = "+19179056302";
    static final String FLAKY = "+19179056303";
    static final String THINQ = "+19179056304";
    static final String SLOW = "+19179056305";
    static final String DIRECTORY = """
            organizations:
              - id: acme
                domain: acme.example
                platform: { webhook-url: "${mock}/platform/acme" }
                api-keys: [ "%s" ]
                integrations:
                  - { id: b-didww, provider: didww, webhook-token: %s, username: u, password: p, base-url: "${mock}/didww" }
                  - { id: b-refusing, provider: didww, webhook-token: broadcast-webhook-token-0002, username: u, password: p, base-url: "${mock}/refusing" }
                  - { id: b-flaky, provider: didww, webhook-token: broadcast-webhook-token-0003, username: u, password: p, base-url: "${mock}/flaky" }
                  - { id: b-slow, provider: didww, webhook-token: broadcast-webhook-token-0005, username: u, password: p, base-url: "${mock}/slow" }
                  - { id: b-thinq, provider: thinq, webhook-token: broadcast-webhook-token-0004, account-id: "12345", username: t, token: thinq-api-token-0001-secret, base-url: "${mock}/thinq" }
                numbers:
                  - { number: "%s", integration: b-didww, users: [ "101@acme.example", "102@acme.example" ] }
                  - { number: "%s", integration: b-refusing, users: [ "101@acme.example" ] }
                  - { number: "%s", integration: b-flaky, users: [ "101@acme.example" ] }
                  - { number: "%s", integration: b-thinq, users: [ "101@acme.example" ] }
                  - { number: "%s", integration: b-slow, users: [ "101@acme.example" ] }
              - id: other
                domain: other.example
                api-keys: [ "%s" ]
                integrations:
                  - { id: o-didww, provider: didww, webhook-token: broadcast-webhook-token-0009, username: u, password: p, base-url: "${mock}/didww" }
                numbers:
                  - { number: "+19179056399", integration: o-didww, users: [ "101@other.example" ] }
            """.formatted(KEY, TOKEN, DIDWW, REFUSING, FLAKY, THINQ, SLOW, OTHER_KEY);
    /** One outbound_messages id per destination, each naming its destination (as DIDWW's answer lists them). */
    static final String BULK_ANSWER = "{\"data\":[{{#each (jsonPath request.body '$.data.attributes.destination')"
            + " as |d|}}{\"type\":\"outbound_messages\",\"id\":\"bulk-{{d}}-{{randomValue length=8 type='ALPHANUMERIC'}}\","
            + "\"attributes\":{\"destination\":\"{{d}}\"}}{{#unless @last}},{{/unless}}{{/each}}]}";
    static final String SINGLE_ANSWER = "{\"data\":{\"type\":\"outbound_messages\",\"id\":\"{{randomValue type='UUID'}}\"}}";
    static final AtomicInteger NEXT = new AtomicInteger(1000);

    static TestBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = TestBridge.start(DIRECTORY, Map.of("retry.didww.backoff", "300ms", "jobs.poll-interval", "200"));
        var m = bridge.mock;
        m.stubFor(post("/didww/bulk_outbound_messages").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/vnd.api+json").withBody(BULK_ANSWER)
                .withTransformers("response-template")));
        for (String base : List.of("/didww", "/refusing", "/flaky")) {
            m.stubFor(post(base + "/outbound_messages").atPriority(5).willReturn(aResponse().withStatus(201)
                    .withBody(SINGLE_ANSWER).withTransformers("response-template")));
        }
        // the refusing trunk takes no bulk request, and refuses one destination of the single sends
        m.stubFor(post("/refusing/bulk_outbound_messages").willReturn(aResponse().withStatus(400)
                .withBody("{\"errors\":[{\"title\":\"Invalid destination\",\"detail\":\"destination is invalid\","
                        + "\"code\":\"100\",\"status\":\"400\"}]}")));
        m.stubFor(post("/refusing/outbound_messages").atPriority(1)
                .withRequestBody(matchingJsonPath("$.data.attributes.destination", equalTo("19179057777")))
                .willReturn(aResponse().withStatus(400).withBody("{\"errors\":[{\"title\":\"Invalid\","
                        + "\"detail\":\"destination not allowed\",\"code\":\"100\",\"status\":\"400\"}]}")));
        // the flaky trunk fails its first bulk request, then takes the retry
        m.stubFor(post("/flaky/bulk_outbound_messages").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        m.stubFor(post("/flaky/bulk_outbound_messages").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201).withBody(BULK_ANSWER).withTransformers("response-template")));
        m.stubFor(post("/thinq/account/12345/product/origination/sms/send").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"guid\":\"{{randomValue type='UUID'}}\"}").withTransformers("response-template")));
        m.stubFor(post("/platform/acme").willReturn(aResponse().withStatus(200)));
        // the slow trunk answers after its callbacks came: ids known in advance ("slow-<destination>")
        m.stubFor(post("/slow/bulk_outbound_messages").willReturn(aResponse().withStatus(201).withFixedDelay(1500)
                .withBody(BULK_ANSWER.replace("bulk-{{d}}-{{randomValue length=8 type='ALPHANUMERIC'}}", "slow-{{d}}"))
                .withTransformers("response-template")));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    static String contact() {
        return "+1917556" + NEXT.getAndIncrement();
    }

    static TestBridge.Response broadcast(String key, String from, List<String> to, String extra) {
        StringBuilder list = new StringBuilder();
        for (String t : to) {
            list.append(list.isEmpty() ? "" : ",").append('"').append(t).append('"');
        }
        return bridge.postJson("/api/v1/broadcasts", """
                {"from":"%s","to":[%s],"extension":"101","domain":"acme.example","content":"Store opens at 9"%s}"""
                .formatted(from, list, extra), "Authorization", "Bearer " + key);
    }

    static JsonNode accepted(String from, List<String> to) {
        TestBridge.Response r = broadcast(KEY, from, to, "");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().get("data");
    }

    static JsonNode view(String id) {
        TestBridge.Response r = bridge.get("/api/v1/broadcasts/" + id, "Authorization", "Bearer " + KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("data");
    }

    static JsonNode message(String id) {
        TestBridge.Response r = bridge.get("/api/v1/messages/" + id, "Authorization", "Bearer " + KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("data");
    }

    static String carrierId(String messageId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !message(messageId).get("provider_message_id").isNull());
        return message(messageId).get("provider_message_id").asText();
    }

    static String messageTo(JsonNode accepted, String contact) {
        for (JsonNode m : accepted.get("messages")) {
            if (m.get("to").asText().equals(contact)) {
                return m.get("id").asText();
            }
        }
        throw new AssertionError("no message to " + contact + " in " + accepted);
    }

    static List<LoggedRequest> requests(String path, String contact) {
        String digits = contact.substring(contact.length() - 10);
        return bridge.mock.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .filter(r -> r.getBodyAsString().contains(digits)).toList();
    }

    static void callback(String carrierId, String status, String code) {
        TestBridge.Response r = bridge.postJson("/webhooks/b-didww", """
                {"data":{"type":"outbound_message_callbacks","id":"%s","attributes":{"status":"%s","code_id":%s}}}"""
                .formatted(carrierId, status, code == null ? "null" : code), "X-Webhook-Token", TOKEN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void onDidwwTheContactsGoInOneBulkRequestAndEachHasItsOwnIdAndCallbacks() {
        String a = contact();
        String b = contact();
        String c = contact();
        JsonNode d = accepted(DIDWW, List.of(a, b, c, b.substring(2), "12"));
        assertThat(d.get("status").asText()).isEqualTo("queued");
        assertThat(d.get("queued").asInt()).isEqualTo(3);
        assertThat(d.get("skipped").findValuesAsText("code")).containsExactlyInAnyOrder("duplicate", "invalid_number");

        await().atMost(Duration.ofSeconds(10)).until(() -> requests("/didww/bulk_outbound_messages", a).size() == 1);
        LoggedRequest bulk = requests("/didww/bulk_outbound_messages", a).get(0);
        assertThat(bulk.getHeader("Content-Type")).isEqualTo("application/vnd.api+json");
        JsonNode attrs = new TestBridge.Response(200, bulk.getBodyAsString()).json().at("/data/attributes");
        List<String> destinations = new ArrayList<>();
        attrs.get("destination").forEach(n -> destinations.add(n.asText()));
        assertThat(destinations).containsExactlyInAnyOrder(a.substring(1), b.substring(1), c.substring(1));
        assertThat(attrs.get("source").asText()).isEqualTo(DIDWW.substring(1));
        assertThat(requests("/didww/outbound_messages", a)).isEmpty();

        String idA = messageTo(d, a);
        String idB = messageTo(d, b);
        String carrierA = carrierId(idA);
        String carrierB = carrierId(idB);
        assertThat(carrierA).startsWith("bulk-" + a.substring(1));
        assertThat(carrierB).startsWith("bulk-" + b.substring(1));
        callback(carrierA, "Success", null);
        callback(carrierB, "Failed", "9");
        await().until(() -> bridge.eventsAbout(idB).size() == 1);
        assertThat(bridge.eventsAbout(idB).get(0).at("/params/code").asText()).isEqualTo("9");

        JsonNode v = view(d.get("id").asText());
        assertThat(v.at("/summary/sent").asInt()).isEqualTo(1);
        assertThat(v.at("/summary/failed").asInt()).isEqualTo(1);
        assertThat(v.at("/summary/sending").asInt()).isEqualTo(1);
        assertThat(v.at("/summary/skipped").asInt()).isEqualTo(2);
        assertThat(v.get("contacts").asInt()).isEqualTo(5);
        assertThat(v.get("messages")).hasSize(3);
        assertThat(message(idB).get("error_code").asText()).isEqualTo("9");
        assertThat(message(idA).get("status").asText()).isEqualTo("sent");
    }

    @Test
    void aThousandContactsAreOneRequestAndOneMoreIsRefused() {
        List<String> to = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            to.add("+1646555" + String.format("%04d", i));
        }
        TestBridge.Response refused = broadcast(KEY, DIDWW, to, "");
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("too_many_contacts");
        assertThat(refused.json().at("/error/message").asText()).contains("1001").contains("at most 1000");
        assertThat(requests("/didww/bulk_outbound_messages", to.get(1000))).isEmpty();

        JsonNode d = accepted(DIDWW, to.subList(0, 1000));
        assertThat(d.get("queued").asInt()).isEqualTo(1000);
        await().atMost(Duration.ofSeconds(20)).until(() -> requests("/didww/bulk_outbound_messages", to.get(0))
                .size() == 1);
        JsonNode body = new TestBridge.Response(200, requests("/didww/bulk_outbound_messages", to.get(0)).get(0)
                .getBodyAsString()).json();
        assertThat(body.at("/data/attributes/destination")).hasSize(1000);
        await().atMost(Duration.ofSeconds(20)).until(() -> view(d.get("id").asText()).at("/summary/sending")
                .asInt() == 1000);
    }

    @Test
    void aRefusedBulkRequestGoesOneByOneAndTheBadContactFailsAlone() {
        String good = contact();
        String bad = "+19179057777";
        JsonNode d = accepted(REFUSING, List.of(good, bad));
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            JsonNode v = view(d.get("id").asText());
            return v.at("/summary/failed").asInt() == 1 && v.at("/summary/sending").asInt() == 1;
        });
        assertThat(requests("/refusing/bulk_outbound_messages", good)).hasSize(1);
        assertThat(requests("/refusing/outbound_messages", good)).hasSize(1);
        JsonNode failed = message(messageTo(d, bad));
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("error_reason").asText()).contains("destination not allowed");
        assertThat(failed.get("history").findValuesAsText("detail").toString()).contains("sent alone");
    }

    @Test
    void aBulkRequestThatFailsTransientlyIsRetriedWhole() {
        String a = contact();
        String b = contact();
        JsonNode d = accepted(FLAKY, List.of(a, b));
        await().atMost(Duration.ofSeconds(15)).until(() -> view(d.get("id").asText()).at("/summary/sending")
                .asInt() == 2);
        assertThat(requests("/flaky/bulk_outbound_messages", a)).hasSize(2);
        assertThat(requests("/flaky/outbound_messages", a)).isEmpty();
        JsonNode m = message(messageTo(d, a));
        assertThat(m.get("history").findValuesAsText("status")).containsSubsequence("queued", "retrying", "sending");
        assertThat(m.get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void callbacksThatComeBeforeTheBulkAnswerAreAppliedOnceItIsStored() {
        String a = contact();
        String b = contact();
        JsonNode d = accepted(SLOW, List.of(a, b));
        await().atMost(Duration.ofSeconds(5)).until(() -> requests("/slow/bulk_outbound_messages", a).size() == 1);
        for (String c : List.of(a, b)) {
            TestBridge.Response r = bridge.postJson("/webhooks/b-slow", """
                    {"data":{"type":"outbound_message_callbacks","id":"slow-%s","attributes":{"status":"Success","code_id":null}}}"""
                    .formatted(c.substring(1)), "X-Webhook-Token", "broadcast-webhook-token-0005");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> view(d.get("id").asText()).at("/summary/sent").asInt() == 2);
        assertThat(message(messageTo(d, a)).get("history").findValuesAsText("status"))
                .containsSubsequence("queued", "sending", "sent");
    }

    @Test
    void onOtherCarriersEachContactIsASendOfItsOwn() {
        String a = contact();
        String b = contact();
        JsonNode d = accepted(THINQ, List.of(a, b));
        await().atMost(Duration.ofSeconds(10)).until(() -> view(d.get("id").asText()).at("/summary/sending")
                .asInt() == 2);
        assertThat(requests("/thinq/account/12345/product/origination/sms/send", a)).hasSize(1);
        assertThat(requests("/thinq/account/12345/product/origination/sms/send", b)).hasSize(1);
    }

    @Test
    void anOptedOutContactIsSkippedAndReported() {
        String out = contact();
        String in = contact();
        String b64 = Base64.getEncoder().encodeToString("STOP".getBytes(StandardCharsets.UTF_8));
        TestBridge.Response stop = bridge.postJson("/webhooks/b-didww?token=" + TOKEN, """
                {"uuid":"%s","src_addr":"%s","dst_addr":"%s","text_b64":"%s","time":"Tue, 03 Jun 2025 14:05:09 GMT"}"""
                .formatted(java.util.UUID.randomUUID(), out.substring(1), DIDWW.substring(1), b64));
        assertThat(stop.status()).as(stop.body()).isEqualTo(200);
        await().until(() -> broadcast(KEY, DIDWW, List.of(out), ", \"dry_run\": true").json()
                .at("/data/queued").asInt() == 0);

        JsonNode d = accepted(DIDWW, List.of(out, in));
        assertThat(d.get("queued").asInt()).isEqualTo(1);
        JsonNode skipped = d.get("skipped").get(0);
        assertThat(skipped.get("to").asText()).isEqualTo(out);
        assertThat(skipped.get("code").asText()).isEqualTo("contact_opted_out");
        assertThat(view(d.get("id").asText()).get("skipped").get(0).get("code").asText()).isEqualTo("contact_opted_out");
    }

    @Test
    void aDryRunSaysWhatWouldGoAndSendsNothing() {
        String a = contact();
        TestBridge.Response r = broadcast(KEY, DIDWW, List.of(a, a, "x"), ", \"dry_run\": true");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode d = r.json().get("data");
        assertThat(d.get("dry_run").asBoolean()).isTrue();
        assertThat(d.get("queued").asInt()).isEqualTo(1);
        assertThat(d.get("encoding").asText()).isEqualTo("GSM7");
        assertThat(d.get("skipped")).hasSize(2);
        assertThat(d.has("id")).isFalse();
        assertThat(requests("/didww/bulk_outbound_messages", a)).isEmpty();
    }

    @Test
    void badBodiesAreRefusedWithWhatToDo() {
        TestBridge.Response notArray = bridge.postJson("/api/v1/broadcasts", """
                {"from":"%s","to":"9175550123","extension":"101","content":"x"}""".formatted(DIDWW),
                "Authorization", "Bearer " + KEY);
        assertThat(notArray.status()).isEqualTo(400);
        assertThat(notArray.json().at("/error/message").asText()).contains("array");

        TestBridge.Response empty = broadcast(KEY, DIDWW, List.of(), "");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().at("/error/code").asText()).isEqualTo("no_contacts");

        TestBridge.Response allBad = broadcast(KEY, DIDWW, List.of("x", "12"), "");
        assertThat(allBad.status()).isEqualTo(422);
        assertThat(allBad.json().at("/error/code").asText()).isEqualTo("no_contacts");

        TestBridge.Response picture = broadcast(KEY, DIDWW, List.of(contact()), ", \"media_url\": \"https://x/p.jpg\"");
        assertThat(picture.status()).isEqualTo(422);
        assertThat(picture.json().at("/error/code").asText()).isEqualTo("media_not_supported");

        TestBridge.Response noKey = bridge.postJson("/api/v1/broadcasts", "{}");
        assertThat(noKey.status()).isEqualTo(401);
    }

    @Test
    void anotherOrganizationsBroadcastIsNotFound() {
        JsonNode d = accepted(DIDWW, List.of(contact()));
        TestBridge.Response other = bridge.get("/api/v1/broadcasts/" + d.get("id").asText(),
                "Authorization", "Bearer " + OTHER_KEY);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().at("/error/code").asText()).isNotBlank();
        TestBridge.Response notAnId = bridge.get("/api/v1/broadcasts/not-an-id", "Authorization", "Bearer " + KEY);
        assertThat(notAnId.status()).isEqualTo(404);
    }
}
