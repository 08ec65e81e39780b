package io.smsbridge;

import org.apache.camel.main.Main;

import java.util.Map;

/**
 * Starts sms-bridge: Camel Main with the root application.properties (a file in the working
 * directory overrides the defaults packed in the jar), the YAML routes under routes/, and the beans
 * of {@link BridgeConfiguration}.
 */
public final class Application {

    static final String PROPERTY_LOCATIONS =
            "classpath:application.properties;optional=true,file:application.properties;optional=true";

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        int code = create(Map.of()).run(args);
        System.exit(code);
    }

    /** A configured, not yet started bridge; {@code overrides} win over every other setting. */
    public static Main create(Map<String, String> overrides) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations(PROPERTY_LOCATIONS);
        overrides.forEach(main::addOverrideProperty);
        main.configure().addConfiguration(BridgeConfiguration.class);
        return main;
    }
}
