package io.smsbridge.carriers.didww;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.carrier.CarrierAnswer;
import io.smsbridge.carrier.CarrierCall;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.message.OutboundSms;
import io.smsbridge.core.message.SendResult;
import io.smsbridge.core.phone.PhoneNumbers;
import io.smsbridge.core.retry.Outcome;

import java.nio.charset.StandardCharsets;

/**
 * DIDWW HTTP OUT (docs/carriers/didww.md): {@code POST {base-url}/outbound_messages}, a JSON:API
 * document, {@code application/vnd.api+json} without parameters, Basic auth with the trunk's
 * credentials, numbers as E.164 digits without '+'. Answer 201 carries the id that callbacks refer to.
 */
public final class DidwwApi {

    public static final String MEDIA_TYPE = "application/vnd.api+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DidwwApi() {
    }

    /** The JSON:API body for one message. */
    public static String body(OutboundSms sms, String campaignId) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = root.putObject("data");
        data.put("type", "outbound_messages");
        ObjectNode attrs = data.putObject("attributes");
        attrs.put("destination", PhoneNumbers.digitsOnly(sms.to()));
        attrs.put("source", PhoneNumbers.digitsOnly(sms.from()));
        attrs.put("content", sms.text());
        if (campaignId != null && !campaignId.isBlank()) {
            attrs.put("campaign_id", campaignId);
        }
        return root.toString();
    }

    /** The request for one message; an integration's {@code base-url} wins over the bridge's. */
    public static CarrierCall call(OutboundSms sms, String defaultBaseUrl) {
        Integration integration = sms.integration();
        String base = CarrierCall.base(integration.setting("base-url", defaultBaseUrl));
        return CarrierCall.post(base + "/outbound_messages", MEDIA_TYPE,
                        body(sms, integration.setting("campaign-id")).getBytes(StandardCharsets.UTF_8), MEDIA_TYPE)
                .withBasicAuth(integration.setting("username"), integration.setting("password"));
    }

    static SendResult result(CarrierAnswer answer) {
        int status = answer.status();
        JsonNode json = answer.json();
        if (answer.isSuccess()) {
            String id = json == null ? null : json.path("data").path("id").asText(null);
            if (id == null || id.isBlank()) {
                return SendResult.failed(Outcome.http(status, "no_id", "DIDWW answered " + status
                        + " without data.id"), answer.retryAfter());
            }
            return SendResult.accepted(id);
        }
        String code = null;
        String reason = "DIDWW answered HTTP " + status;
        JsonNode err = json == null ? null : json.path("errors").path(0);
        if (err != null && err.isObject()) {
            String detail = err.path("detail").asText(null);
            String title = err.path("title").asText(null);
            code = err.path("code").asText(null);
            reason = detail != null ? detail : title != null ? title : reason;
        }
        // errors[].code is the API's own namespace, not a callback code_id: shown, not matched
        return SendResult.failed(Outcome.http(status, null, reason).withCode(code), answer.retryAfter());
    }
}
