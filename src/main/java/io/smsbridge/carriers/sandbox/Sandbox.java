package io.smsbridge.carriers.sandbox;

import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.message.CarrierEvent;
import io.smsbridge.core.message.InboundSms;
import io.smsbridge.core.message.MessageStatus;
import io.smsbridge.core.message.StatusReport;
import io.smsbridge.core.message.OutboundSms;
import io.smsbridge.core.message.SendResult;
import io.smsbridge.core.time.Durations;
import org.apache.camel.Exchange;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A carrier that needs no account: accepts every send, reports it delivered through the same status
 * path as real carriers, and (with {@code echo: true}) answers each message from the contact, so a
 * whole round trip can be tried locally. Settings: {@code echo}, {@code echo-delay} (default 2s),
 * {@code delivery-delay} (default 500ms, written as 500ms or 1s).
 */
public final class Sandbox {

    private Sandbox() {
    }

    /** Accepts the message; the exchange keeps what the follow-up events need. */
    public static void send(Exchange exchange) {
        OutboundSms sms = exchange.getMessage().getBody(OutboundSms.class);
        String id = "sandbox-" + UUID.randomUUID();
        exchange.setProperty("sandboxSms", sms);
        exchange.setProperty("sandboxId", id);
        exchange.setProperty("sandboxEcho", sms.integration().flag("echo"));
        exchange.setProperty("sandboxDeliveryDelay", millis(sms.integration().setting("delivery-delay", "500ms")));
        exchange.setProperty("sandboxEchoDelay", millis(sms.integration().setting("echo-delay", "2s")));
        exchange.getMessage().setBody(SendResult.accepted(id));
    }

    /** The carrier's delivery report for the message sent. */
    public static CarrierEvent deliveryReport(Exchange exchange) {
        String id = exchange.getProperty("sandboxId", String.class);
        exchange.setProperty("integration", exchange.getProperty("sandboxSms", OutboundSms.class).integration());
        return new CarrierEvent.Status(new StatusReport(id, id + "|delivered", MessageStatus.DELIVERED, true, null,
                null));
    }

    /** The contact's reply. */
    public static CarrierEvent echo(Exchange exchange) {
        OutboundSms sms = exchange.getProperty("sandboxSms", OutboundSms.class);
        Integration integration = sms.integration();
        exchange.setProperty("integration", integration);
        String id = "sandbox-echo-" + UUID.randomUUID();
        return new CarrierEvent.Inbound(new InboundSms(id, id, sms.to(), sms.from(), "Echo: " + sms.text(), List.of(),
                Instant.now()));
    }

    private static long millis(String value) {
        return Durations.parse(value).toMillis();
    }
}
