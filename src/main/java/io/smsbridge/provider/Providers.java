package io.smsbridge.provider;

import java.util.List;
import java.util.Map;

/** The built-in providers. A provider's routes live in routes/providers/&lt;name&gt;.camel.yaml. */
public final class Providers {

    public static final String DIDWW = "didww";
    public static final String SANDBOX = "sandbox";
    public static final String THINQ = "thinq";

    private static final Map<String, ProviderSpec> SPECS = Map.of(
            DIDWW, new ProviderSpec(DIDWW, List.of("username", "password"), true, false),
            THINQ, new ProviderSpec(THINQ, List.of("account-id", "username", "token"), true, true),
            SANDBOX, new ProviderSpec(SANDBOX, List.of(), false, true));

    private Providers() {
    }

    public static ProviderSpec spec(String provider) {
        return SPECS.get(provider);
    }

    public static List<String> names() {
        return SPECS.keySet().stream().sorted().toList();
    }
}
