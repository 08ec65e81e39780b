package io.smsbridge.carriers.thinq;

import io.smsbridge.carrier.Carrier;
import io.smsbridge.carrier.CarrierAnswer;
import io.smsbridge.carrier.CarrierCall;
import io.smsbridge.carrier.CarrierSettings;
import io.smsbridge.carrier.WebhookRequest;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.directory.ProviderSpec;
import io.smsbridge.core.message.CarrierEvent;
import io.smsbridge.core.message.OutboundSms;
import io.smsbridge.core.message.SendResult;

import java.util.List;

/** thinQ (Commio): inbound SMS/MMS and delivery confirmations on one URL; SMS as JSON, MMS as multipart. */
public final class ThinqCarrier implements Carrier {

    private String baseUrl;

    @Override
    public String name() {
        return "thinq";
    }

    @Override
    public List<String> settingKeys() {
        return List.of("thinq.base-url");
    }

    @Override
    public void start(CarrierSettings settings) {
        baseUrl = settings.require("thinq.base-url");
    }

    @Override
    public List<ProviderSpec> providers() {
        return List.of(new ProviderSpec(name(), List.of("account-id", "username", "token"), List.of(), true, true,
                null));
    }

    @Override
    public CarrierEvent parse(WebhookRequest request, Integration integration) {
        return ThinqWebhook.parse(request, integration);
    }

    @Override
    public CarrierCall send(OutboundSms sms) {
        return ThinqApi.call(sms, baseUrl);
    }

    @Override
    public SendResult answer(CarrierCall call, CarrierAnswer answer) {
        return ThinqApi.result(answer);
    }
}
