package io.smsbridge.flow.outbound;

import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.directory.ProviderSpec;
import io.smsbridge.core.retry.OnUncertain;

import java.util.function.Function;

/**
 * Which {@link OnUncertain} an integration's uncertain sends get: its own {@code on-uncertain}, else
 * the bridge's {@code sender.on-uncertain}. A default of {@code check} is {@code fail} where the carrier
 * cannot look a message up (the directory refuses {@code check} written on such an integration).
 */
public final class UncertainSends {

    public static final String SETTING = "on-uncertain";

    private final OnUncertain fallback;
    private final Function<String, ProviderSpec> specs;

    public UncertainSends(OnUncertain fallback, Function<String, ProviderSpec> specs) {
        this.fallback = fallback;
        this.specs = specs;
    }

    public OnUncertain mode(Integration integration) {
        String own = integration.setting(SETTING);
        OnUncertain mode = own == null || own.isBlank() ? fallback : OnUncertain.parse(own);
        if (mode == OnUncertain.CHECK) {
            ProviderSpec spec = specs.apply(integration.provider());
            return spec != null && spec.canLookUp() ? OnUncertain.CHECK : OnUncertain.FAIL;
        }
        return mode;
    }
}
