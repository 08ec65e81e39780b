package io.smsbridge.carriers.template;

import io.smsbridge.core.message.BadPayloadException;
import io.smsbridge.core.message.CarrierEvent;
import io.smsbridge.core.message.InboundSms;
import io.smsbridge.core.message.StatusReport;
import io.smsbridge.carrier.WebhookRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Webhook matching per event, with the shipped templates and one fixture file per request. */
class TemplateWebhookTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static WebhookRequest request(String fixture) throws IOException {
        String body;
        try (InputStream in = TemplateWebhookTest.class.getResourceAsStream("fixtures/" + fixture)) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        return fixture.endsWith(".json") ? WebhookRequest.parse("POST", "application/json", null, body)
                : WebhookRequest.parse("POST", "application/x-www-form-urlencoded", null, body);
    }

    static CarrierEvent event(String fixture) throws IOException {
        String template = fixture.substring(0, fixture.indexOf('/'));
        return TemplateWebhook.event(Templates.shipped(template), request(fixture), false, NOW);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            acme-sms/message.json             | +37041654321 | +19179056077 | in-1   | <none>
            acme-sms/message-no-id.json       | +37041654321 | +19179056077 | <none> | <none>
            acme-sms/file.json                | +37041654321 | +19179056077 | in-2   | https://cdn.example/a.jpg
            jsonapi-example/message-form.txt   | 37041654321  | 19179056077  | d-1    | <none>
            """)
    void inboundMessages(String fixture, String from, String to, String id, String url) throws IOException {
        CarrierEvent e = event(fixture);
        assertThat(e.kind()).isEqualTo("inbound");
        InboundSms sms = ((CarrierEvent.Inbound) e).sms();
        assertThat(sms.from()).isEqualTo(from);
        assertThat(sms.to()).isEqualTo(to);
        assertThat(sms.providerMessageId()).isEqualTo(id.equals("<none>") ? null : id);
        assertThat(sms.dedupeKey()).startsWith(id.equals("<none>") ? "sha256:" : id);
        assertThat(sms.mediaUrls()).isEqualTo(url.equals("<none>") ? List.of() : List.of(url));
    }

    @Test
    void textArrivesExactly() throws IOException {
        assertThat(((CarrierEvent.Inbound) event("acme-sms/message.json")).sms().text())
                .isEqualTo("Hello \"world\" 😊\nline 2");
        assertThat(((CarrierEvent.Inbound) event("jsonapi-example/message-form.txt")).sms().text())
                .isEqualTo("Hi & bye \"there\"");
        assertThat(((CarrierEvent.Inbound) event("acme-sms/file.json")).sms().text()).isEqualTo("Look");
    }

    @Test
    void theSameContentWithoutIdIsOneMessage() throws IOException {
        assertThat(((CarrierEvent.Inbound) event("acme-sms/message-no-id.json")).sms().dedupeKey())
                .isEqualTo(((CarrierEvent.Inbound) event("acme-sms/message-no-id.json")).sms().dedupeKey());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            acme-sms/delivered.json            | out-1 | DELIVERED | true  | <none>
            acme-sms/failed.json               | out-2 | FAILED    | true  | carrier_unavailable
            jsonapi-example/sent.json           | out-3 | SENT      | true  | <none>
            jsonapi-example/failed-8.json       | out-4 | FAILED    | true  | 8
            jsonapi-example/routing-error.json  | out-5 | FAILED    | true  | 6
            jsonapi-example/dlr-delivered.json  | out-6 | DELIVERED | true  | <none>
            jsonapi-example/dlr-expired.json    | out-7 | FAILED    | true  | <none>
            """)
    void statusReports(String fixture, String id, String status, boolean notify, String code) throws IOException {
        CarrierEvent e = event(fixture);
        assertThat(e.kind()).isEqualTo("status");
        StatusReport r = ((CarrierEvent.Status) e).report();
        assertThat(r.providerMessageId()).isEqualTo(id);
        assertThat(r.status().name()).isEqualTo(status);
        assertThat(r.notifyPlatform()).isEqualTo(notify);
        assertThat(r.code()).isEqualTo(code.equals("<none>") ? null : code);
        assertThat(r.dedupeKey()).startsWith(id + "|");
    }

    @Test
    void failedEventsCarryTheCarriersReason() throws IOException {
        assertThat(((CarrierEvent.Status) event("acme-sms/failed.json")).report().reason()).isEqualTo("handset off");
    }

    @Test
    void sentIsNotFinalWhenTheAccountSendsDeliveryReports() throws IOException {
        CarrierEvent e = TemplateWebhook.event(Templates.shipped("jsonapi-example"),
                request("jsonapi-example/sent.json"), true, NOW);
        assertThat(((CarrierEvent.Status) e).report().notifyPlatform()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            acme-sms/bad-unknown-method.json           | 'method' is 'typing', expected 'message'
            acme-sms/bad-message-without-from.json     | message: no value for $from$
            acme-sms/bad-delivered-without-id.json     | delivered: no value for $messageid$
            jsonapi-example/bad-unknown-status.json     | 'data.attributes.status' is 'Pending', expected 'Success'
            """)
    void requestsThatFitNoEventAreRefusedWithTheReason(String fixture, String reason) {
        assertThatThrownBy(() -> event(fixture)).isInstanceOf(BadPayloadException.class)
                .hasMessageContaining("fits no Webhook event of template").hasMessageContaining(reason);
    }

    @Test
    void arraysInAModelCollectEveryElement() {
        ProviderTemplate t = Templates.parse("""
                {'API':{'SendMessage':{'request_url':'https://a.example/s','response_map':{'id':'$messageid$'}}},
                 'Webhook':[{'event_key':'mms','event_type':'mms','request_parameters':
                   {'type':'inbound','from':'$from$','to':'$to$','text':'$text$','media':[{'url':'$url$'}]}}]}""");
        WebhookRequest req = WebhookRequest.parse("POST", "application/json", null, """
                {"type":"inbound","from":"+1","to":"+2","text":"two","media":[{"url":"https://a/1"},{"url":"https://a/2"}]}""");
        InboundSms sms = ((CarrierEvent.Inbound) TemplateWebhook.event(t, req, false, NOW)).sms();
        assertThat(sms.mediaUrls()).containsExactly("https://a/1", "https://a/2");
    }

    @Test
    void theEventWithTheMostMatchingConstantsWins() {
        ProviderTemplate t = Templates.parse("""
                {'API':{'SendMessage':{'request_url':'https://a.example/s','response_map':{'id':'$messageid$'}}},
                 'Webhook':[
                   {'event_key':'any','event_type':'messageSent','request_parameters':{'id':'$messageid$','status':'$reason$'}},
                   {'event_key':'ok','event_type':'messageDelivered','request_parameters':{'id':'$messageid$','status':'delivered'}}]}""");
        WebhookRequest req = WebhookRequest.parse("POST", "application/json", null,
                "{\"id\":\"x\",\"status\":\"Delivered\"}");
        assertThat(((CarrierEvent.Status) TemplateWebhook.event(t, req, false, NOW)).report().status().name())
                .isEqualTo("DELIVERED");
    }
}
