package io.smsbridge.carriers.didww;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.carrier.CarrierAnswer;
import io.smsbridge.carrier.CarrierCall;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.message.BulkResult;
import io.smsbridge.core.message.OutboundBulk;
import io.smsbridge.core.message.SendResult;
import io.smsbridge.core.phone.PhoneNumbers;
import io.smsbridge.core.retry.Outcome;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DIDWW's {@code POST {base-url}/bulk_outbound_messages} (docs/carriers/didww.md): the single send's
 * document with {@code destination} as an array of up to {@link #LIMIT} numbers. The 201 answer
 * lists one {@code outbound_messages} id per destination, and each id gets its own callback.
 */
final class DidwwBulk {

    /** The most destinations DIDWW takes in one request. */
    static final int LIMIT = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private DidwwBulk() {
    }

    static String body(OutboundBulk bulk, String campaignId) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = root.putObject("data");
        data.put("type", "bulk_outbound_messages");
        ObjectNode attrs = data.putObject("attributes");
        ArrayNode destinations = attrs.putArray("destination");
        bulk.recipients().forEach(r -> destinations.add(PhoneNumbers.digitsOnly(r.to())));
        attrs.put("source", PhoneNumbers.digitsOnly(bulk.from()));
        attrs.put("content", bulk.text());
        if (campaignId != null && !campaignId.isBlank()) {
            attrs.put("campaign_id", campaignId);
        }
        return root.toString();
    }

    static CarrierCall call(OutboundBulk bulk, String defaultBaseUrl) {
        Integration integration = bulk.integration();
        String base = CarrierCall.base(integration.setting("base-url", defaultBaseUrl));
        return CarrierCall.post(base + "/bulk_outbound_messages", DidwwApi.MEDIA_TYPE,
                        body(bulk, integration.setting("campaign-id")).getBytes(StandardCharsets.UTF_8),
                        DidwwApi.MEDIA_TYPE)
                .withBasicAuth(integration.setting("username"), integration.setting("password"))
                .withContext(bulk.recipients());
    }

    /**
     * The ids of the answer, matched to the contacts by their {@code destination} when the answer
     * names it, else by position when it lists exactly one id per contact (docs/carriers/didww.md).
     */
    @SuppressWarnings("unchecked")
    static BulkResult result(CarrierCall call, CarrierAnswer answer) {
        List<OutboundBulk.Recipient> recipients = (List<OutboundBulk.Recipient>) call.context();
        if (!answer.isSuccess()) {
            return BulkResult.failed(DidwwApi.result(answer));
        }
        List<JsonNode> entries = entries(answer.json());
        Map<String, String> byDestination = new HashMap<>();
        for (JsonNode e : entries) {
            String destination = e.path("attributes").path("destination").asText(null);
            if (destination != null) {
                byDestination.put(PhoneNumbers.digitsOnly(destination), e.path("id").asText());
            }
        }
        Map<String, String> ids = new LinkedHashMap<>();
        if (!byDestination.isEmpty()) {
            for (OutboundBulk.Recipient r : recipients) {
                String id = byDestination.get(PhoneNumbers.digitsOnly(r.to()));
                if (id != null && !id.isBlank()) {
                    ids.put(r.messageId(), id);
                }
            }
        } else if (entries.size() == recipients.size()) {
            for (int i = 0; i < entries.size(); i++) {
                String id = entries.get(i).path("id").asText(null);
                if (id != null && !id.isBlank()) {
                    ids.put(recipients.get(i).messageId(), id);
                }
            }
        }
        if (ids.isEmpty()) {
            return BulkResult.failed(SendResult.failed(Outcome.http(answer.status(), "no_id", "DIDWW answered "
                    + answer.status() + " to the bulk send without an outbound_messages id per destination"),
                    answer.retryAfter()));
        }
        return BulkResult.taken(ids);
    }

    /** The {@code outbound_messages} objects: {@code data} as an array, its relationships, or {@code included}. */
    private static List<JsonNode> entries(JsonNode root) {
        List<JsonNode> out = new ArrayList<>();
        if (root == null) {
            return out;
        }
        JsonNode data = root.path("data");
        if (data.isArray()) {
            data.forEach(out::add);
        } else {
            root.path("included").forEach(n -> {
                if ("outbound_messages".equals(n.path("type").asText())) {
                    out.add(n);
                }
            });
            if (out.isEmpty()) {
                data.path("relationships").path("outbound_messages").path("data").forEach(out::add);
            }
        }
        return out;
    }
}
