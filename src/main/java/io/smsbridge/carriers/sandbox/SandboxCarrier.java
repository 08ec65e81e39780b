package io.smsbridge.carriers.sandbox;

import io.smsbridge.carrier.Carrier;
import io.smsbridge.carrier.CarrierAnswer;
import io.smsbridge.carrier.CarrierCall;
import io.smsbridge.carrier.FollowUp;
import io.smsbridge.carrier.WebhookRequest;
import io.smsbridge.core.refusal.MalformedRequest;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.directory.ProviderSpec;
import io.smsbridge.core.message.CarrierEvent;
import io.smsbridge.core.message.InboundSms;
import io.smsbridge.core.message.MessageStatus;
import io.smsbridge.core.message.OutboundSms;
import io.smsbridge.core.message.SendResult;
import io.smsbridge.core.message.StatusReport;
import io.smsbridge.core.time.Durations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A carrier that needs no account: accepts every send, reports it delivered through the same status
 * path as real carriers, and (with {@code echo: true}) answers each message from the contact, so a
 * whole round trip can be tried locally. Integration settings: {@code echo}, {@code delivery-delay}
 * (default 500ms) and {@code echo-delay} (default 2s, after the delivery report). Like a real carrier
 * it remembers what it took (the latest {@value #REMEMBERED}, across restarts of a bridge in the same
 * JVM), so it can be asked after a crash ({@code on-uncertain: check}).
 */
public final class SandboxCarrier implements Carrier {

    static final Duration DELIVERY_DELAY = Duration.ofMillis(500);
    static final Duration ECHO_DELAY = Duration.ofSeconds(2);
    static final int REMEMBERED = 10_000;
    /** Our message id -> the sandbox's id, oldest dropped first; static: the carrier outlives a bridge. */
    private static final java.util.Map<String, String> TAKEN = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, String> eldest) {
                    return size() > REMEMBERED;
                }
            });

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public List<ProviderSpec> providers() {
        return List.of(new ProviderSpec(name(), List.of(), List.of("echo", "echo-delay", "delivery-delay"), false,
                true, null, true));
    }

    @Override
    public CarrierEvent parse(WebhookRequest request, Integration integration) {
        // a sandbox integration has no webhook token, so no request gets here
        throw new MalformedRequest(null, "the sandbox takes no webhooks");
    }

    @Override
    public CarrierCall send(OutboundSms sms) {
        String id = "sandbox-" + UUID.randomUUID();
        TAKEN.put(sms.messageId(), id);
        return CarrierCall.done(SendResult.accepted(id));
    }

    @Override
    public CarrierCall lookUp(OutboundSms sms) {
        String id = TAKEN.get(sms.messageId());
        return CarrierCall.done(id != null ? SendResult.accepted(id)
                : SendResult.notSent("the sandbox never got message " + sms.messageId()));
    }

    @Override
    public SendResult lookedUp(CarrierCall call, CarrierAnswer answer) {
        return call.done();
    }

    @Override
    public SendResult answer(CarrierCall call, CarrierAnswer answer) {
        return call.done();
    }

    /** The delivery report, then with {@code echo: true} the contact's reply. */
    @Override
    public List<FollowUp> followUps(OutboundSms sms, SendResult result) {
        if (!result.isAccepted()) {
            return List.of();
        }
        Integration integration = sms.integration();
        String id = result.providerMessageId();
        Duration delivery = delay(integration, "delivery-delay", DELIVERY_DELAY);
        List<FollowUp> out = new ArrayList<>();
        out.add(new FollowUp(delivery, integration, new CarrierEvent.Status(new StatusReport(id, id + "|delivered",
                MessageStatus.DELIVERED, true, null, null))));
        if (integration.flag("echo")) {
            String echo = "sandbox-echo-" + UUID.randomUUID();
            out.add(new FollowUp(delivery.plus(delay(integration, "echo-delay", ECHO_DELAY)), integration,
                    new CarrierEvent.Inbound(new InboundSms(echo, echo, sms.to(), sms.from(), "Echo: " + sms.text(),
                            List.of(), Instant.now()))));
        }
        return out;
    }

    private static Duration delay(Integration integration, String key, Duration fallback) {
        String v = integration.setting(key);
        return v == null || v.isBlank() ? fallback : Durations.parse(v);
    }
}
