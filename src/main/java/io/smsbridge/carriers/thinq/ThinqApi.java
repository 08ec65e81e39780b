package io.smsbridge.carriers.thinq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.message.OutboundSms;
import io.smsbridge.core.message.SendResult;
import io.smsbridge.carrier.CarrierAnswer;
import io.smsbridge.carrier.CarrierCall;
import io.smsbridge.core.retry.Outcome;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * thinQ (Commio) origination API: SMS as JSON to {@code …/origination/sms/send}, MMS as multipart
 * to {@code …/origination/mms/send}, Basic auth {@code username:token}, the account id in the path,
 * NANP numbers as 10 digits. A {@code guid} in the answer is the id confirmations refer to.
 */
public final class ThinqApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ContentType TEXT = ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8);

    private ThinqApi() {
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

    /** SMS as JSON, MMS as multipart; an integration's {@code base-url} wins over the bridge's. */
    public static CarrierCall call(OutboundSms sms, String defaultBaseUrl) {
        Integration integration = sms.integration();
        String base = CarrierCall.base(integration.setting("base-url", defaultBaseUrl));
        boolean mms = sms.mediaUrls() != null && !sms.mediaUrls().isEmpty();
        String url = base + "/account/" + integration.setting("account-id") + "/product/origination/"
                + (mms ? "mms" : "sms") + "/send";
        CarrierCall call;
        if (mms) {
            MultipartEntityBuilder form = MultipartEntityBuilder.create()
                    .addTextBody("from_did", did(sms.from()), TEXT)
                    .addTextBody("to_did", did(sms.to()), TEXT)
                    .addTextBody("media_url", sms.mediaUrls().get(0), TEXT);
            if (sms.text() != null && !sms.text().isBlank()) {
                form.addTextBody("message", sms.text(), TEXT);
            }
            HttpEntity entity = form.build();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                entity.writeTo(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // writing to memory
            }
            call = CarrierCall.post(url, entity.getContentType(), bytes.toByteArray(), "application/json");
        } else {
            call = CarrierCall.post(url, "application/json", smsBody(sms).getBytes(StandardCharsets.UTF_8),
                    "application/json");
        }
        return call.withBasicAuth(integration.setting("username"), integration.setting("token"));
    }

    static SendResult result(CarrierAnswer answer) {
        int status = answer.status();
        JsonNode json = answer.json();
        if (answer.isSuccess()) {
            String guid = json == null ? null : json.path("guid").asText(null);
            if (guid == null || guid.isBlank()) {
                return SendResult.failed(Outcome.http(status, "no_guid", "thinQ answered " + status + " without a guid"
                        + reasonSuffix(json)), answer.retryAfter());
            }
            return SendResult.accepted(guid);
        }
        String reason = "thinQ answered HTTP " + status + reasonSuffix(json);
        return SendResult.failed(Outcome.http(status, null, reason), answer.retryAfter());
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
