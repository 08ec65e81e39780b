package io.smsbridge.carriers.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.core.secret.Hashes;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.message.BadPayloadException;
import io.smsbridge.core.message.CarrierEvent;
import io.smsbridge.core.message.InboundSms;
import io.smsbridge.core.message.MessageStatus;
import io.smsbridge.core.message.StatusReport;
import io.smsbridge.carriers.template.ProviderTemplate.EventType;
import io.smsbridge.carrier.WebhookRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Turns a carrier's webhook request into an event with the template's {@code Webhook} models: a JSON
 * body is matched as it is, a form or query string as a flat object of its parameters.
 */
public final class TemplateWebhook {

    /** Without a carrier id, the same content inside this window is one message (a carrier's retry). */
    static final Duration DEDUPE_WINDOW = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateWebhook() {
    }

    public static CarrierEvent parse(ProviderTemplate t, WebhookRequest req, Integration integration) {
        if (t == null) {
            throw new BadPayloadException("provider " + integration.provider() + " has no template");
        }
        return event(t, req, integration.flag("delivery-receipts"), Instant.now());
    }

    /** @param deliveryReceipts whether the carrier account sends delivery reports after "sent" */
    static CarrierEvent event(ProviderTemplate t, WebhookRequest req, boolean deliveryReceipts, Instant now) {
        JsonNode actual = req.json();
        if (actual == null) {
            ObjectNode flat = JSON.createObjectNode();
            req.params().forEach(flat::put);
            actual = flat;
        }
        WebhookMatcher.Match m;
        try {
            m = WebhookMatcher.match(t.webhooks(), actual);
        } catch (WebhookMatcher.NoMatch e) {
            throw new BadPayloadException("the request fits no Webhook event of template " + t.id() + " ("
                    + e.getMessage() + "); check the template against what the carrier sends");
        }
        EventType type = m.event().type();
        String id = m.first("messageid");
        if (type.isInbound()) {
            String from = m.first("from");
            String to = m.first("to");
            String text = m.first("content") != null ? m.first("content") : m.first("text");
            List<String> media = type == EventType.MMS ? List.copyOf(m.all("url")) : List.of();
            String dedupe = id != null ? id : "sha256:" + Hashes.sha256(from + '\n' + to + '\n' + text + '\n' + media)
                    + ':' + now.getEpochSecond() / DEDUPE_WINDOW.toSeconds();
            return new CarrierEvent.Inbound(new InboundSms(dedupe, id, from, to, text == null ? "" : text, media,
                    now));
        }
        String dedupe = id + '|' + m.event().key();
        return new CarrierEvent.Status(switch (type) {
            case DELIVERED -> new StatusReport(id, dedupe, MessageStatus.DELIVERED, true, null, null);
            case FAILED -> {
                String reason = m.first("reason");
                yield new StatusReport(id, dedupe, MessageStatus.FAILED, true, m.first("error_code"),
                        reason != null ? reason : "the carrier reported the message failed (" + m.event().key() + ")");
            }
            // handed on by the carrier: final for the platform unless a delivery report will follow
            default -> new StatusReport(id, dedupe, MessageStatus.SENT, !(deliveryReceipts
                    && t.webhooks().stream().anyMatch(e -> e.type() == EventType.DELIVERED)), null, null);
        });
    }

}
