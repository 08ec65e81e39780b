package io.smsbridge.carrier;

import io.smsbridge.carriers.didww.DidwwCarrier;
import io.smsbridge.carriers.sandbox.SandboxCarrier;
import io.smsbridge.carriers.template.ProviderTemplates;
import io.smsbridge.carriers.template.TemplateCarrier;
import io.smsbridge.carriers.thinq.ThinqCarrier;

import java.nio.file.Path;
import java.util.Optional;

/** The shipped carriers, started without a bridge (base URLs on a port nothing listens on). */
public final class TestCarriers {

    public static final CarrierSettings SETTINGS = key -> Optional.of(key.endsWith(".base-url") ? "http://127.0.0.1:9"
            : key.equals("providers.dir") ? "providers" : "");

    private TestCarriers() {
    }

    /** DIDWW, thinQ, the sandbox, and no templates. */
    public static Carriers builtIn() {
        return withTemplates(ProviderTemplates.none());
    }

    /** With the templates of a folder (the shipped providers/). */
    public static Carriers withTemplates(Path dir) {
        return withTemplates(ProviderTemplates.load(dir));
    }

    private static Carriers withTemplates(ProviderTemplates templates) {
        return Carriers.of(SETTINGS, new DidwwCarrier(), new ThinqCarrier(), new SandboxCarrier(),
                new TemplateCarrier(templates));
    }
}
