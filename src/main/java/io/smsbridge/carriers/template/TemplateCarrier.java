package io.smsbridge.carriers.template;

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

import java.nio.file.Path;
import java.util.List;

/**
 * Carriers described by a JSON file in the platform's JSON framework format: every
 * {@code providers/<id>.json} is the provider {@code template:<id>}, read and validated at start.
 */
public final class TemplateCarrier implements Carrier {

    private ProviderTemplates templates;

    public TemplateCarrier() {
    }

    /** With these templates instead of providers.dir's (tests). */
    public TemplateCarrier(ProviderTemplates templates) {
        this.templates = templates;
    }

    @Override
    public String name() {
        return "template";
    }

    @Override
    public List<String> settingKeys() {
        return List.of("providers.dir");
    }

    @Override
    public void start(CarrierSettings settings) {
        if (templates == null) {
            templates = ProviderTemplates.load(Path.of(settings.require("providers.dir")));
        }
    }

    @Override
    public List<ProviderSpec> providers() {
        return templates.ids().stream().map(id -> {
            ProviderTemplate t = templates.get(id);
            return new ProviderSpec(name() + ":" + id, List.of(), List.of(), t.hasWebhooks(), t.supportsMms(),
                    t.properties());
        }).toList();
    }

    @Override
    public CarrierEvent parse(WebhookRequest request, Integration integration) {
        return TemplateWebhook.parse(template(integration), request, integration);
    }

    @Override
    public CarrierCall send(OutboundSms sms) {
        return TemplateApi.call(template(sms.integration()), sms);
    }

    @Override
    public SendResult answer(CarrierCall call, CarrierAnswer answer) {
        return TemplateApi.result(call, answer);
    }

    private ProviderTemplate template(Integration integration) {
        String provider = integration.provider();
        int colon = provider.indexOf(':');
        return colon < 0 ? null : templates.get(provider.substring(colon + 1));
    }
}
