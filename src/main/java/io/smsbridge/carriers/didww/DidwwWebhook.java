package io.smsbridge.carriers.didww;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsbridge.core.secret.Hashes;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.message.BadPayloadException;
import io.smsbridge.core.message.CarrierEvent;
import io.smsbridge.core.message.InboundSms;
import io.smsbridge.core.message.MessageStatus;
import io.smsbridge.core.message.StatusReport;
import io.smsbridge.carrier.WebhookRequest;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Maps DIDWW webhook requests (docs/carriers/didww.md) to carrier events. One URL carries both:
 * a JSON:API document of type {@code outbound_message_callbacks} or {@code dlr_event} is a status
 * report; anything else with a sender, a recipient and a text is an inbound SMS (JSON, form or query
 * parameters, any of the documented key sets). Base64 text wins over plain text.
 */
public final class DidwwWebhook {

    static final String CALLBACK = "outbound_message_callbacks";
    static final String DLR = "dlr_event";

    private DidwwWebhook() {
    }

    public static CarrierEvent parse(WebhookRequest req, Integration integration) {
        JsonNode data = req.json() == null ? null : req.json().path("data");
        if (data != null && data.isObject() && data.has("type")) {
            return new CarrierEvent.Status(status(data, integration.flag("delivery-receipts")));
        }
        return new CarrierEvent.Inbound(inbound(req));
    }

    static InboundSms inbound(WebhookRequest req) {
        String from = req.param("from", "src_addr", "source", "SMS_SRC_ADDR");
        String to = req.param("to", "dst_addr", "destination", "SMS_DST_ADDR");
        if (from == null || to == null) {
            throw new BadPayloadException("a DIDWW inbound SMS needs the sender ('from' or 'src_addr') and our number"
                    + " ('to' or 'dst_addr'); got parameters " + req.fieldNames() + ". Check the HTTP IN trunk's body template (see README)");
        }
        String text;
        String b64 = req.param("text_b64", "data", "SMS_TEXT_BASE64_ENCODED");
        if (b64 != null) {
            text = decodeBase64(b64);
        } else if (req.has("text", "SMS_TEXT")) {
            text = req.has("text") ? req.value("text") : req.value("SMS_TEXT");
        } else {
            throw new BadPayloadException("a DIDWW inbound SMS needs its text: 'data' or 'text_b64' (Base64, preferred)"
                    + " or 'text'");
        }
        String id = req.param("uuid", "id", "sms_uuid", "SMS_UUID");
        String time = req.param("time", "SMS_TIME");
        String dedupe = id != null ? id : "sha256:" + Hashes.sha256(from + '\n' + to + '\n' + time + '\n' + text);
        return new InboundSms(dedupe, id, from, to, text, List.of(), parseTime(time));
    }

    static StatusReport status(JsonNode data, boolean deliveryReceipts) {
        String type = data.path("type").asText();
        String id = data.path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw new BadPayloadException("DIDWW " + type + " without data.id");
        }
        JsonNode attrs = data.path("attributes");
        String rawStatus = attrs.path("status").asText("");
        String status = rawStatus.trim().toLowerCase(Locale.ROOT);
        String dedupe = id + '|' + type + '|' + status;
        if (CALLBACK.equals(type)) {
            String code = codeId(attrs.path("code_id"));
            switch (status) {
                case "success":
                    // handed to the terminating carrier: final for the platform unless a DLR will follow
                    return new StatusReport(id, dedupe, MessageStatus.SENT, !deliveryReceipts, null, null);
                case "failed":
                case "routing error":
                    return new StatusReport(id, dedupe, MessageStatus.FAILED, true, code,
                            code != null ? DidwwCodes.meaning(code) : rawStatus);
                default:
                    throw new BadPayloadException("DIDWW callback status '" + rawStatus
                            + "' is unknown (expected Success, Failed or Routing Error)");
            }
        }
        if (DLR.equals(type)) {
            switch (status) {
                case "delivered":
                    return new StatusReport(id, dedupe, MessageStatus.DELIVERED, true, null, null);
                case "failed":
                case "expired":
                    return new StatusReport(id, dedupe, MessageStatus.FAILED, true, status.toUpperCase(Locale.ROOT),
                            "delivery receipt: " + rawStatus);
                default:
                    throw new BadPayloadException("DIDWW dlr_event status '" + rawStatus
                            + "' is unknown (expected DELIVERED, FAILED or EXPIRED)");
            }
        }
        throw new BadPayloadException("DIDWW document type '" + type + "' is not a status callback (expected "
                + CALLBACK + " or " + DLR + ")");
    }

    private static String codeId(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        String s = node.asText().trim();
        return s.isEmpty() || s.equals("null") ? null : s;
    }

    private static String decodeBase64(String value) {
        try {
            // a form decoder turns '+' into ' '; line breaks are allowed
            byte[] bytes = Base64.getDecoder().decode(value.trim().replace(' ', '+').replaceAll("[\\r\\n]", ""));
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw new BadPayloadException("the Base64 text ('data' / 'text_b64') is not valid Base64 of UTF-8 text");
        }
    }

    private static Instant parseTime(String time) {
        if (time == null || time.isBlank()) {
            return Instant.now();
        }
        try {
            return ZonedDateTime.parse(time.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(time.trim());
            } catch (DateTimeParseException e2) {
                return Instant.now();
            }
        }
    }
}
