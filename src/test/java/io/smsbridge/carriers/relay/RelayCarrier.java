package io.smsbridge.carriers.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.carrier.Carrier;
import io.smsbridge.carrier.CarrierAnswer;
import io.smsbridge.carrier.CarrierCall;
import io.smsbridge.carrier.WebhookRequest;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.directory.ProviderSpec;
import io.smsbridge.core.message.BadPayloadException;
import io.smsbridge.core.message.CarrierEvent;
import io.smsbridge.core.message.InboundSms;
import io.smsbridge.core.message.MessageStatus;
import io.smsbridge.core.message.OutboundSms;
import io.smsbridge.core.message.SendResult;
import io.smsbridge.core.message.StatusReport;
import io.smsbridge.core.retry.Outcome;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A carrier that exists only on the test classpath (META-INF/services of src/test/resources): the
 * proof that a carrier is its folder and one registration line. "Relay" is a plain JSON API:
 * {@code POST <base-url>/messages} with an {@code X-Api-Key}; it posts
 * {@code {"event":"message"|"status", ...}} to its webhook.
 */
public final class RelayCarrier implements Carrier {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "relay";
    }

    @Override
    public List<ProviderSpec> providers() {
        return List.of(new ProviderSpec(name(), List.of("api-key", "base-url"), List.of(), true, false, null));
    }

    @Override
    public CarrierEvent parse(WebhookRequest request, Integration integration) {
        String event = request.param("event");
        String id = request.param("id");
        if (id == null) {
            throw new BadPayloadException("a relay event needs its 'id'");
        }
        if ("message".equals(event)) {
            String text = request.value("text");
            return new CarrierEvent.Inbound(new InboundSms(id, id, request.param("from"), request.param("to"),
                    text == null ? "" : text, List.of(), Instant.now()));
        }
        if ("status".equals(event)) {
            String state = String.valueOf(request.param("state"));
            return new CarrierEvent.Status(switch (state) {
                case "delivered" -> new StatusReport(id, id + "|delivered", MessageStatus.DELIVERED, true, null, null);
                case "failed" -> new StatusReport(id, id + "|failed", MessageStatus.FAILED, true, request.param("error"),
                        "relay reported the message failed");
                default -> throw new BadPayloadException("relay state '" + state + "' is unknown");
            });
        }
        throw new BadPayloadException("relay event '" + event + "' is unknown");
    }

    @Override
    public CarrierCall send(OutboundSms sms) {
        ObjectNode body = JSON.createObjectNode().put("from", sms.from()).put("to", sms.to()).put("text", sms.text());
        return CarrierCall.post(CarrierCall.base(sms.integration().setting("base-url")) + "/messages",
                        "application/json", body.toString().getBytes(StandardCharsets.UTF_8), "application/json")
                .withHeader("X-Api-Key", sms.integration().setting("api-key"));
    }

    @Override
    public SendResult answer(CarrierCall call, CarrierAnswer answer) {
        JsonNode json = answer.json();
        String id = json == null ? null : json.path("id").asText(null);
        if (answer.isSuccess() && id != null) {
            return SendResult.accepted(id);
        }
        String error = json == null ? null : json.path("error").asText(null);
        return SendResult.failed(Outcome.http(answer.status(), answer.isSuccess() ? "no_id" : error,
                "relay answered HTTP " + answer.status()), answer.retryAfter());
    }
}
