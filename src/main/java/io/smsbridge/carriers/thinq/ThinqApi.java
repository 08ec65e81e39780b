package io.smsbridge.carriers.thinq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.message.OutboundSms;
import io.smsbridge.core.message.SendResult;
import io.smsbridge.carrier.CarrierHttp;
import io.smsbridge.core.retry.Outcome;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;

import java.nio.charset.StandardCharsets;

/**
 * thinQ (Commio) origination API: SMS as JSON to {@code …/origination/sms/send}, MMS as multipart
 * to {@code …/origination/mms/send}, Basic auth {@code username:token}, the account id in the path,
 * NANP numbers as 10 digits. A {@code guid} in the answer is the id confirmations refer to.
 */
public final class ThinqApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ContentType TEXT = ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8);

    private final String defaultBaseUrl;

    public ThinqApi(String defaultBaseUrl) {
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /** thinQ's number format: 10 digits for NANP (+1), E.164 digits elsewhere. */
    public static String did(String e164) {
        if (e164.startsWith("+1") && e164.length() == 12) {
            return e164.substring(2);
        }
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }

    public static String smsBody(OutboundSms sms) {
        ObjectNode body = JSON.createObjectNode();
        body.put("from_did", did(sms.from()));
        body.put("to_did", did(sms.to()));
        body.put("message", sms.text());
        return body.toString();
    }

    public void request(Exchange exchange) {
        Message msg = exchange.getMessage();
        OutboundSms sms = msg.getBody(OutboundSms.class);
        Integration integration = sms.integration();
        String base = integration.setting("base-url", defaultBaseUrl);
        boolean mms = sms.mediaUrls() != null && !sms.mediaUrls().isEmpty();
        String url = CarrierHttp.withoutTrailingSlash(base) + "/account/" + integration.setting("account-id") + "/product/origination/"
                + (mms ? "mms" : "sms") + "/send";
        CarrierHttp.post(msg, url, "application/json");
        CarrierHttp.basicAuth(msg, integration.setting("username"), integration.setting("token"));
        if (mms) {
            MultipartEntityBuilder form = MultipartEntityBuilder.create()
                    .addTextBody("from_did", did(sms.from()), TEXT)
                    .addTextBody("to_did", did(sms.to()), TEXT)
                    .addTextBody("media_url", sms.mediaUrls().get(0), TEXT);
            if (sms.text() != null && !sms.text().isBlank()) {
                form.addTextBody("message", sms.text(), TEXT);
            }
            msg.setBody(form.build());
        } else {
            msg.setHeader(Exchange.CONTENT_TYPE, "application/json");
            msg.setBody(smsBody(sms).getBytes(StandardCharsets.UTF_8));
        }
    }

    public void response(Exchange exchange) {
        CarrierHttp.answer(exchange, ThinqApi::result);
    }

    static SendResult result(int status, String body, java.time.Duration retryAfter) {
        JsonNode json = CarrierHttp.json(body);
        if (status >= 200 && status < 300) {
            String guid = json == null ? null : json.path("guid").asText(null);
            if (guid == null || guid.isBlank()) {
                return SendResult.failed(Outcome.http(status, "no_guid", "thinQ answered " + status + " without a guid"
                        + reasonSuffix(json)), retryAfter);
            }
            return SendResult.accepted(guid);
        }
        String reason = "thinQ answered HTTP " + status + reasonSuffix(json);
        return SendResult.failed(Outcome.http(status, null, reason), retryAfter);
    }

    private static String reasonSuffix(JsonNode json) {
        if (json == null) {
            return "";
        }
        for (String field : new String[] {"message", "error", "detail", "reason"}) {
            JsonNode v = json.path(field);
            if (v.isTextual() && !v.asText().isBlank()) {
                return ": " + v.asText();
            }
        }
        return "";
    }
}
