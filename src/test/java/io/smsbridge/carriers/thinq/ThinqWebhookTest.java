package io.smsbridge.carriers.thinq;

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
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** thinQ webhook payloads, one fixture file each (fixtures/ beside this test); .txt is a form body. */
class ThinqWebhookTest {

    static final Integration THINQ = new Integration("acme-thinq", "acme", "thinq", "t".repeat(16),
            Map.of("account-id", "12345", "username", "u", "token", "secret"));

    static WebhookRequest request(String fixture) throws IOException {
        String body;
        try (InputStream in = ThinqWebhookTest.class.getResourceAsStream("fixtures/" + fixture)) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        return fixture.endsWith(".json")
                ? WebhookRequest.parse("POST", "application/json", "token=x", body)
                : WebhookRequest.parse("POST", "application/x-www-form-urlencoded", "token=x", body);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            inbound-sms-form.txt           | 2065551212  | 9179056091  | Hello from thinQ! | <none>                              | tq-1
            inbound-sms-11-digits.json     | 12065551212 | 19179056091 | Hi "there"        | <none>                              | tq-2
            inbound-mms.json               | 2065551212  | 9179056091  | <empty>           | https://media.thinq.example/abc.jpg | tq-3
            inbound-mms-caption-form.txt   | 2065551212  | 9179056091  | Look at this      | https://media.thinq.example/def.png | tq-4
            """)
    void inboundMessages(String fixture, String from, String to, String text, String media, String id)
            throws IOException {
        CarrierEvent e = ThinqWebhook.parse(request(fixture), THINQ);
        InboundSms sms = ((CarrierEvent.Inbound) e).sms();
        assertThat(sms.from()).isEqualTo(from);
        assertThat(sms.to()).isEqualTo(to);
        assertThat(sms.text()).isEqualTo(text.equals("<empty>") ? "" : text);
        assertThat(sms.mediaUrls()).isEqualTo(media.equals("<none>") ? java.util.List.of() : java.util.List.of(media));
        assertThat(sms.dedupeKey()).isEqualTo(id);
    }

    @Test
    void withoutAnIdTheSameContentInTheWindowIsOneMessage() throws IOException {
        Instant t = Instant.parse("2026-01-01T00:01:00Z");
        InboundSms a = ThinqWebhook.inbound(request("inbound-sms-no-id.txt"), t);
        InboundSms b = ThinqWebhook.inbound(request("inbound-sms-no-id.txt"), t.plusSeconds(120));
        InboundSms later = ThinqWebhook.inbound(request("inbound-sms-no-id.txt"), t.plusSeconds(3600));
        assertThat(a.dedupeKey()).startsWith("sha256:").isEqualTo(b.dedupeKey());
        assertThat(later.dedupeKey()).isNotEqualTo(a.dedupeKey());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            dlr-delivrd.txt           | g-1 | DELIVERED | true  | <none>  | g-1/DELIVRD
            dlr-undeliv.json          | g-2 | FAILED    | true  | 005     | g-2/UNDELIV
            dlr-expired.txt           | g-3 | FAILED    | true  | EXPIRED | g-3/EXPIRED
            dlr-acceptd.txt           | g-4 | SENT      | false | <none>  | g-4/ACCEPTD
            dlr-rejectd.txt           | g-5 | FAILED    | true  | REJECTD | g-5/REJECTD
            dlr-send-status-only.json | g-6 | DELIVERED | true  | <none>  | g-6/DELIVERED
            dlr-deleted.txt           | g-8 | FAILED    | true  | DELETED | g-8/DELETED
            dlr-unknown.txt           | g-9 | FAILED    | true  | 011     | g-9/UNKNOWN
            dlr-enroute.txt           | g-10 | SENT     | false | <none>  | g-10/ENROUTE
            """)
    void deliveryConfirmations(String fixture, String guid, MessageStatus status, boolean notify, String code,
            String dedupe) throws IOException {
        StatusReport r = ((CarrierEvent.Status) ThinqWebhook.parse(request(fixture), THINQ)).report();
        assertThat(r.providerMessageId()).isEqualTo(guid);
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.notifyPlatform()).isEqualTo(notify);
        assertThat(r.code()).isEqualTo(code.equals("<none>") ? null : code);
        assertThat(r.dedupeKey()).isEqualTo(dedupe.replace('/', '|'));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad-missing-to.txt          | needs 'from' and 'to'
            bad-mms-without-url.json    | picture's URL
            bad-type.json               | 'fax' is unknown
            bad-status.txt              | 'MAYBE' is unknown
            bad-sms-without-text.json   | its text in 'message'
            """)
    void malformedPayloadsSayWhatIsWrong(String fixture, String message) {
        assertThatThrownBy(() -> ThinqWebhook.parse(request(fixture), THINQ))
                .isInstanceOf(BadPayloadException.class).hasMessageContaining(message);
    }
}
