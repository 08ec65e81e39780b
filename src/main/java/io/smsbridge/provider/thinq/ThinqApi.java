package io.smsbridge.provider.thinq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.directory.Integration;
import io.smsbridge.outbound.OutboundSms;
import io.smsbridge.outbound.SendResult;
import io.smsbridge.retry.Outcome;
import io.smsbridge.retry.RetryAfter;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

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
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        boolean mms = sms.mediaUrls() != null && !sms.mediaUrls().isEmpty();
        String url = base + "/account/" + integration.setting("account-id") + "/product/origination/"
                + (mms ? "mms" : "sms") + "/send";
        String credentials = integration.setting("username") + ":" + integration.setting("token");
        msg.removeHeaders("*");
        msg.setHeader(Exchange.HTTP_METHOD, "POST");
        msg.setHeader(Exchange.HTTP_URI, url);
        msg.setHeader("Accept", "application/json");
        msg.setHeader("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
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
        Message msg = exchange.getMessage();
        int status = msg.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = msg.getBody(String.class);
        String retryAfter = msg.getHeader("Retry-After", String.class);
        msg.removeHeaders("*");
        msg.setBody(result(status, body, RetryAfter.parse(retryAfter, Instant.now())));
    }

    static SendResult result(int status, String body, java.time.Duration retryAfter) {
        JsonNode json = parse(body);
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

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }
}
