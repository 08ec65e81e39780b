package io.smsbridge.carriers.thinq;

import io.smsbridge.core.secret.Hashes;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.message.BadPayloadException;
import io.smsbridge.core.message.CarrierEvent;
import io.smsbridge.core.message.InboundSms;
import io.smsbridge.core.message.MessageStatus;
import io.smsbridge.core.message.StatusReport;
import io.smsbridge.carrier.WebhookRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Maps thinQ (Commio) webhook requests (docs/carriers/thinq.md), form or JSON. Operators paste one URL as
 * both the Inbound Message URL and the Delivery Confirmation URL, so the fields decide: {@code guid}
 * with {@code status} / {@code send_status} is a delivery confirmation; {@code from}, {@code to} and
 * {@code message} make an inbound SMS, or an MMS when {@code type} is {@code mms}.
 */
public final class ThinqWebhook {

    /** Without a thinQ id, the same content inside this window is taken as a repeat. */
    static final Duration DEDUPE_WINDOW = Duration.ofMinutes(10);

    private ThinqWebhook() {
    }

    public static CarrierEvent parse(WebhookRequest req, Integration integration) {
        if (req.param("guid") != null && req.has("status", "send_status")) {
            return new CarrierEvent.Status(confirmation(req));
        }
        return new CarrierEvent.Inbound(inbound(req, Instant.now()));
    }

    static InboundSms inbound(WebhookRequest req, Instant now) {
        String from = req.param("from");
        String to = req.param("to");
        if (from == null || to == null) {
            throw new BadPayloadException("a thinQ inbound message needs 'from' and 'to', a delivery confirmation"
                    + " needs 'guid' and 'status'; got parameters " + req.fieldNames());
        }
        String type = req.param("type");
        type = type == null ? "sms" : type.toLowerCase(Locale.ROOT);
        String message = req.value("message");
        String text;
        List<String> media;
        if (type.equals("mms")) {
            String url = req.param("media_url", "url", "message");
            if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                throw new BadPayloadException("a thinQ MMS needs the picture's URL in 'message' (or 'media_url')");
            }
            media = List.of(url.trim());
            String caption = req.param("text", "caption");
            text = caption == null ? "" : caption;
        } else if (type.equals("sms")) {
            if (message == null) {
                throw new BadPayloadException("a thinQ inbound SMS needs its text in 'message'");
            }
            text = message;
            media = List.of();
        } else {
            throw new BadPayloadException("thinQ message type '" + type + "' is unknown (expected sms or mms)");
        }
        String id = req.param("id", "message_id");
        String dedupe = id != null ? id
                : "sha256:" + Hashes.sha256(from + '\n' + to + '\n' + type + '\n' + message) + ':'
                        + now.getEpochSecond() / DEDUPE_WINDOW.toSeconds();
        return new InboundSms(dedupe, id, from, to, text, media, now);
    }

    static StatusReport confirmation(WebhookRequest req) {
        String guid = req.param("guid");
        String smpp = req.param("status");
        String send = req.param("send_status");
        String error = req.param("error");
        String raw = smpp != null ? smpp : send;
        if (raw == null || raw.isBlank()) {
            throw new BadPayloadException("a thinQ delivery confirmation needs a non-empty 'status' or 'send_status'"
                    + " (for example DELIVRD)");
        }
        String key = raw.trim().toUpperCase(Locale.ROOT);
        String dedupe = guid + '|' + key;
        String code = error != null && !error.matches("0+") ? error : null;
        return switch (key) {
            case "DELIVRD", "DELIVERED" -> new StatusReport(guid, dedupe, MessageStatus.DELIVERED, true, null, null);
            case "ACCEPTD", "ENROUTE", "SENT", "QUEUED", "ACCEPTED" ->
                    new StatusReport(guid, dedupe, MessageStatus.SENT, false, null, null);
            case "EXPIRED" -> new StatusReport(guid, dedupe, MessageStatus.FAILED, true, "EXPIRED",
                    "thinQ: message expired before delivery" + (code == null ? "" : " (error " + code + ")"));
            case "UNDELIV", "UNDELIVERED", "REJECTD", "REJECTED", "DELETED", "UNKNOWN", "FAILED" ->
                    new StatusReport(guid, dedupe, MessageStatus.FAILED, true, code != null ? code : key,
                            "thinQ: " + key + (code == null ? "" : " (error " + code + ")"));
            default -> throw new BadPayloadException("thinQ delivery status '" + raw + "' is unknown (expected DELIVRD,"
                    + " UNDELIV, REJECTD, EXPIRED, DELETED, UNKNOWN, ACCEPTD or ENROUTE)");
        };
    }
}
