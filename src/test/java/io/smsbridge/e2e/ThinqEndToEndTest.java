package io.smsbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.smsbridge.e2e.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** thinQ both ways, MMS both ways, and pictures on a carrier without MMS. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThinqEndToEndTest {

    static final String SMS_PATH = "/thinq/account/12345/product/origination/sms/send";
    static final String MMS_PATH = "/thinq/account/12345/product/origination/mms/send";
    static final ObjectMapper JSON = new ObjectMapper();
    TestBridge bridge;

    @BeforeAll
    void start() throws Exception {
        bridge = TestBridge.start(DIRECTORY, Map.of());
        var m = bridge.mock;
        for (String path : List.of(SMS_PATH, MMS_PATH)) {
            m.stubFor(post(path).atPriority(5).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"guid\":\"{{randomValue type='UUID'}}\"}").withTransformers("response-template")));
        }
        m.stubFor(post(SMS_PATH).atPriority(1).withRequestBody(matchingJsonPath("$.to_did", equalTo("2065550400")))
                .willReturn(aResponse().withStatus(400).withBody("{\"message\":\"to_did is not SMS capable\"}")));
        m.stubFor(post(SMS_PATH).atPriority(1).withRequestBody(matchingJsonPath("$.to_did", equalTo("2065550401")))
                .willReturn(aResponse().withStatus(200).withBody("{\"message\":\"Invalid from_did\"}")));
        m.stubFor(post("/didww/outbound_messages").willReturn(aResponse().withStatus(201)
                .withBody("{\"data\":{\"type\":\"outbound_messages\",\"id\":\"{{randomValue type='UUID'}}\"}}")
                .withTransformers("response-template")));
        m.stubFor(post("/platform/acme").willReturn(aResponse().withStatus(200)));
    }

    @AfterAll
    void stop() {
        bridge.close();
    }

    String send(String from, String to, String json) {
        TestBridge.Response r = bridge.postJson("/api/v1/messages", """
                {"from":"%s","to":"%s","extension":"101",%s}""".formatted(from, to, json),
                "Authorization", "Bearer " + API_KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().at("/data/id").asText();
    }

    TestBridge.Response thinqForm(String body) {
        return bridge.post("/webhooks/acme-thinq?token=" + THINQ_TOKEN, "application/x-www-form-urlencoded", body);
    }

    List<LoggedRequest> requests(String path, String toDid) {
        return bridge.mock.findAll(postRequestedFor(urlEqualTo(path)).withRequestBody(containing(toDid)));
    }

    @Test
    void inboundSmsFromAFormWithTenDigitNumbers() {
        String c = contact();
        String tenDigits = c.substring(2);
        assertThat(thinqForm("from=" + tenDigits + "&to=9179056091&type=sms&message=Hello+there&id=in-" + c).status())
                .isEqualTo(200);
        assertThat(thinqForm("from=" + tenDigits + "&to=9179056091&type=sms&message=Hello+there&id=in-" + c).status())
                .isEqualTo(200);
        await().until(() -> bridge.eventsFrom(c).size() == 1);
        JsonNode e = bridge.eventsFrom(c).get(0);
        assertThat(e.get("method").asText()).isEqualTo("message");
        assertThat(e.at("/params/to").asText()).isEqualTo(THINQ);
        assertThat(e.at("/params/content").asText()).isEqualTo("Hello there");
        assertThat(e.at("/params/group").asBoolean()).isTrue();
    }

    @Test
    void inboundMmsReachesThePlatformAsAFile() {
        String c = contact();
        TestBridge.Response r = bridge.postJson("/webhooks/acme-thinq", """
                {"from":"1%s","to":"19179056091","type":"mms","message":"https://media.example/cat.jpg","id":"mms-%s"}"""
                .formatted(c.substring(2), c), "X-Webhook-Token", THINQ_TOKEN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        await().until(() -> bridge.eventsFrom(c).size() == 1);
        JsonNode e = bridge.eventsFrom(c).get(0);
        assertThat(e.get("method").asText()).isEqualTo("file");
        assertThat(e.at("/params/url").asText()).isEqualTo("https://media.example/cat.jpg");
        assertThat(e.at("/params/text").asText()).isEmpty();
    }

    @Test
    void outboundSmsAndItsDeliveryConfirmation() throws Exception {
        String c = contact();
        String id = send(THINQ, c, "\"content\":\"Hi & bye\"");
        String guid = bridge.carrierId(id);
        LoggedRequest out = requests(SMS_PATH, c.substring(2)).get(0);
        JsonNode body = JSON.readTree(out.getBodyAsString());
        assertThat(body.get("from_did").asText()).isEqualTo("9179056091");
        assertThat(body.get("to_did").asText()).isEqualTo(c.substring(2));
        assertThat(body.get("message").asText()).isEqualTo("Hi & bye");
        assertThat(out.getHeader("Authorization"))
                .isEqualTo(new BasicCredentials("thinq-user", THINQ_API_TOKEN).asAuthorizationHeaderValue());

        assertThat(thinqForm("guid=" + guid + "&send_status=sent&status=ACCEPTD&error=000").status()).isEqualTo(200);
        assertThat(thinqForm("guid=" + guid + "&send_status=delivered&status=DELIVRD&error=000").status())
                .isEqualTo(200);
        assertThat(thinqForm("guid=" + guid + "&send_status=delivered&status=DELIVRD&error=000").status())
                .isEqualTo(200);
        await().until(() -> bridge.eventsAbout(id).size() == 1);
        assertThat(bridge.eventsAbout(id).get(0).get("method").asText()).isEqualTo("delivered");
        assertThat(bridge.message(id).get("status").asText()).isEqualTo("delivered");
        assertThat(bridge.message(id).get("history").findValuesAsText("status"))
                .containsSubsequence("queued", "sending", "sent", "delivered");
    }

    @Test
    void undeliveredConfirmationFailsTheMessage() {
        String c = contact();
        String id = send(THINQ, c, "\"content\":\"Nope\"");
        String guid = bridge.carrierId(id);
        thinqForm("guid=" + guid + "&send_status=failed&status=UNDELIV&error=005");
        await().until(() -> bridge.eventsAbout(id).size() == 1);
        JsonNode failed = bridge.eventsAbout(id).get(0);
        assertThat(failed.get("method").asText()).isEqualTo("failed");
        assertThat(failed.at("/params/code").asText()).isEqualTo("005");
        assertThat(bridge.message(id).get("status").asText()).isEqualTo("failed");
    }

    @Test
    void mmsRoundTrip() {
        String c = contact();
        String id = send(THINQ, c, "\"content\":\"Our menu\",\"media_url\":\"https://cdn.example/menu.png\"");
        bridge.carrierId(id);
        LoggedRequest out = requests(MMS_PATH, c.substring(2)).get(0);
        assertThat(out.getHeader("Content-Type")).startsWith("multipart/form-data");
        String body = out.getBodyAsString();
        assertThat(body).contains("name=\"from_did\"").contains("9179056091")
                .contains("name=\"to_did\"").contains(c.substring(2))
                .contains("name=\"media_url\"").contains("https://cdn.example/menu.png")
                .contains("name=\"message\"").contains("Our menu");

        thinqForm("from=" + c.substring(2) + "&to=9179056091&type=mms&message=https%3A%2F%2Fmedia.example%2Freply.jpg"
                + "&text=Looks+good&id=reply-" + c);
        await().until(() -> bridge.eventsFrom(c).size() == 1);
        JsonNode reply = bridge.eventsFrom(c).get(0);
        assertThat(reply.get("method").asText()).isEqualTo("file");
        assertThat(reply.at("/params/text").asText()).isEqualTo("Looks good");
        assertThat(reply.at("/params/group").asBoolean()).isFalse(); // 101 started it
        assertThat(reply.at("/params/recipients").findValuesAsText("extension")).containsExactly("101");
    }

    @Test
    void aRefusalOrAnAnswerWithoutGuidFailsTheMessageWithTheReason() {
        String refused = send(THINQ, "+12065550400", "\"content\":\"x\"");
        String noGuid = send(THINQ, "+12065550401", "\"content\":\"y\"");
        await().until(() -> bridge.eventsAbout(refused).size() == 1 && bridge.eventsAbout(noGuid).size() == 1);
        assertThat(bridge.eventsAbout(refused).get(0).at("/params/reason").asText())
                .isEqualTo("thinQ answered HTTP 400: to_did is not SMS capable");
        assertThat(bridge.eventsAbout(noGuid).get(0).at("/params/reason").asText())
                .isEqualTo("thinQ answered 200 without a guid: Invalid from_did");
        assertThat(requests(SMS_PATH, "2065550401")).hasSize(1); // never sent twice
    }

    @Test
    void aPictureToADidwwNumberIsSentAsALink() throws Exception {
        String c = contact();
        String id = send(STICKY, c, "\"content\":\"See\",\"media_url\":\"https://cdn.example/a.jpg\"");
        await().until(() -> !bridge.mock.findAll(postRequestedFor(urlEqualTo("/didww/outbound_messages"))
                .withRequestBody(containing(c.substring(1)))).isEmpty());
        LoggedRequest out = bridge.mock.findAll(postRequestedFor(urlEqualTo("/didww/outbound_messages"))
                .withRequestBody(containing(c.substring(1)))).get(0);
        assertThat(JSON.readTree(out.getBodyAsString()).at("/data/attributes/content").asText())
                .isEqualTo("See\nhttps://cdn.example/a.jpg");
        assertThat(bridge.message(id).get("media_urls").isNull()).isTrue();
    }

    @Test
    void aPictureToANumberThatRejectsMmsIsRefused() {
        TestBridge.Response r = bridge.postJson("/api/v1/messages", """
                {"from":"%s","to":"9175550123","extension":"101","media_url":"https://cdn.example/a.jpg"}"""
                .formatted(NO_MMS), "Authorization", "Bearer " + API_KEY);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("mms_not_supported");
        assertThat(r.json().at("/error/message").asText()).contains("cannot send pictures");
    }
}
