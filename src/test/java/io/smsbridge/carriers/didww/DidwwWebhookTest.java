package io.smsbridge.carriers.didww;

import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.message.BadPayloadException;
import io.smsbridge.core.message.CarrierEvent;
import io.smsbridge.core.message.InboundSms;
import io.smsbridge.core.message.MessageStatus;
import io.smsbridge.core.message.StatusReport;
import io.smsbridge.carrier.WebhookRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DIDWW webhook payloads, one fixture file each (fixtures/ beside this test). */
class DidwwWebhookTest {

    static final Integration TRUNK = new Integration("acme-didww", "acme", "didww", "t".repeat(16),
            Map.of("username", "u", "password", "p"));
    static final Integration TRUNK_WITH_DLR = new Integration("acme-didww", "acme", "didww", "t".repeat(16),
            Map.of("username", "u", "password", "p", "delivery-receipts", "true"));

    static String fixture(String name) throws IOException {
        try (InputStream in = DidwwWebhookTest.class.getResourceAsStream("fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    static WebhookRequest request(String fixture) throws IOException {
        String body = fixture(fixture);
        if (fixture.endsWith(".json")) {
            return WebhookRequest.parse("POST", "application/json", "token=secret", body);
        }
        return WebhookRequest.parse("POST", "application/x-www-form-urlencoded", null, body);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            inbound-vendor-template.json   | 37041654321   | 19179056077 | Hello "world" 😊 | <none>
            inbound-uuid-keys.json         | 37041654321   | 19179056077 | Привет           | 5f1c7f1e-8f7e-4e2b-9d38-0a9c2d1b7a11
            inbound-plain-text-only.json   | +37041654321  | 19179056077 | no base64 here   | sms-42
            inbound-form.txt               | +37041654321  | 19179056077 | Hi there!        | form-1
            inbound-form-shortcode.txt     | 72345         | 19179056077 | STOP             | form-2
            """)
    void inboundSms(String fixture, String from, String to, String text, String id) throws IOException {
        CarrierEvent e = DidwwWebhook.parse(request(fixture), TRUNK);
        assertThat(e).isInstanceOf(CarrierEvent.Inbound.class);
        InboundSms sms = ((CarrierEvent.Inbound) e).sms();
        assertThat(sms.from()).isEqualTo(from);
        assertThat(sms.to()).isEqualTo(to);
        assertThat(sms.text()).isEqualTo(text);
        if (id.equals("<none>")) {
            assertThat(sms.providerMessageId()).isNull();
            assertThat(sms.dedupeKey()).startsWith("sha256:");
        } else {
            assertThat(sms.providerMessageId()).isEqualTo(id);
            assertThat(sms.dedupeKey()).isEqualTo(id);
        }
    }

    @Test
    void getQueryParametersAreAnInboundSms() {
        WebhookRequest req = WebhookRequest.parse("GET", null,
                "token=secret&uuid=q-1&from=37041654321&to=19179056077&text=hi%20there", "");
        InboundSms sms = ((CarrierEvent.Inbound) DidwwWebhook.parse(req, TRUNK)).sms();
        assertThat(sms.text()).isEqualTo("hi there");
        assertThat(sms.dedupeKey()).isEqualTo("q-1");
    }

    @Test
    void sameContentWithoutIdGivesTheSameDedupeKey() throws IOException {
        InboundSms a = ((CarrierEvent.Inbound) DidwwWebhook.parse(request("inbound-vendor-template.json"), TRUNK)).sms();
        InboundSms b = ((CarrierEvent.Inbound) DidwwWebhook.parse(request("inbound-vendor-template.json"), TRUNK)).sms();
        assertThat(a.dedupeKey()).isEqualTo(b.dedupeKey());
    }

    @ParameterizedTest(name = "{0} (delivery-receipts {1})")
    @CsvSource(delimiter = '|', textBlock = """
            callback-success.json                 | false | SENT      | true  | <none> | <none>
            callback-success.json                 | true  | SENT      | false | <none> | <none>
            callback-failed-8.json                | false | FAILED    | true  | 8      | SMS source address is not allowed
            callback-routing-error-string-code.json | false | FAILED  | true  | 105    | Routing failed
            dlr-delivered.json                    | true  | DELIVERED | true  | <none> | <none>
            dlr-expired.json                      | true  | FAILED    | true  | EXPIRED | delivery receipt: EXPIRED
            """)
    void statusReports(String fixture, boolean receipts, MessageStatus status, boolean notify, String code,
            String reason) throws IOException {
        CarrierEvent e = DidwwWebhook.parse(request(fixture), receipts ? TRUNK_WITH_DLR : TRUNK);
        assertThat(e).isInstanceOf(CarrierEvent.Status.class);
        StatusReport r = ((CarrierEvent.Status) e).report();
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.notifyPlatform()).isEqualTo(notify);
        assertThat(r.code()).isEqualTo(code.equals("<none>") ? null : code);
        assertThat(r.reason()).isEqualTo(reason.equals("<none>") ? null : reason);
        assertThat(r.providerMessageId()).startsWith("b7a1c1d0");
        assertThat(r.dedupeKey()).startsWith(r.providerMessageId() + "|");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad-missing-sender.json   | needs the sender
            bad-base64.json           | not valid Base64
            bad-no-text.json          | needs its text
            bad-callback-no-id.json   | without data.id
            bad-callback-status.json  | 'Maybe' is unknown
            bad-unknown-type.json     | is not a status callback
            """)
    void malformedPayloadsSayWhatIsWrong(String fixture, String message) {
        assertThatThrownBy(() -> DidwwWebhook.parse(request(fixture), TRUNK))
                .isInstanceOf(BadPayloadException.class)
                .hasMessageContaining(message);
    }

    @Test
    void tokenNeverShowsInTheErrorMessage() {
        WebhookRequest req = WebhookRequest.parse("GET", null, "token=super-secret-token&foo=1", "");
        assertThatThrownBy(() -> DidwwWebhook.parse(req, TRUNK)).hasMessageNotContaining("super-secret");
    }
}
