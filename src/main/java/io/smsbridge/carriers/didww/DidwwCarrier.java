package io.smsbridge.carriers.didww;

import io.smsbridge.carrier.Carrier;
import io.smsbridge.carrier.CarrierAnswer;
import io.smsbridge.carrier.CarrierCall;
import io.smsbridge.carrier.CarrierSettings;
import io.smsbridge.carrier.WebhookRequest;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.directory.ProviderSpec;
import io.smsbridge.core.message.BulkResult;
import io.smsbridge.core.message.CarrierEvent;
import io.smsbridge.core.message.OutboundBulk;
import io.smsbridge.core.message.OutboundSms;
import io.smsbridge.core.message.SendResult;

import java.util.List;

/** DIDWW: HTTP IN (inbound SMS), HTTP OUT (outbound SMS) and its status callbacks, on one webhook URL. */
public final class DidwwCarrier implements Carrier {

    private String baseUrl;

    @Override
    public String name() {
        return "didww";
    }

    @Override
    public List<String> settingKeys() {
        return List.of("didww.base-url");
    }

    @Override
    public void start(CarrierSettings settings) {
        baseUrl = settings.require("didww.base-url");
    }

    @Override
    public List<ProviderSpec> providers() {
        return List.of(new ProviderSpec(name(), List.of("username", "password"), List.of("campaign-id"), true, false,
                null));
    }

    @Override
    public CarrierEvent parse(WebhookRequest request, Integration integration) {
        return DidwwWebhook.parse(request, integration);
    }

    @Override
    public CarrierCall send(OutboundSms sms) {
        return DidwwApi.call(sms, baseUrl);
    }

    @Override
    public SendResult answer(CarrierCall call, CarrierAnswer answer) {
        return DidwwApi.result(answer);
    }

    @Override
    public int bulkLimit(Integration integration) {
        return DidwwBulk.LIMIT;
    }

    @Override
    public CarrierCall sendBulk(OutboundBulk bulk) {
        return DidwwBulk.call(bulk, baseUrl);
    }

    @Override
    public BulkResult answerBulk(CarrierCall call, CarrierAnswer answer) {
        return DidwwBulk.result(call, answer);
    }
}
