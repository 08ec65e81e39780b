package io.smsbridge.boot;

import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;

/**
 * Starts sms-bridge: Camel Main with the root application.properties (a file in the working
 * directory overrides the defaults packed in the jar), the YAML routes of {@code routes.dir} (with
 * an operator's copies in {@code routes.custom-dir} replacing the shipped files of the same name),
 * and the beans of {@link BridgeConfiguration}.
 */
public final class Application {

    static final String PROPERTY_LOCATIONS =
            "classpath:application.properties;optional=true,file:application.properties;optional=true";

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        // before the first logger: the log format picks Log4j2's appender
        String format = new BootSettings(Map.of()).require("log.format");
        if (!format.equals("text") && !format.equals("json")) {
            System.err.println("Cannot start: log.format is '" + format + "' — set it to text or json");
            System.exit(1);
        }
        System.setProperty("smsbridge.log.format", format);
        int rc;
        try {
            rc = create(Map.of()).run(args);
        } catch (Throwable e) {
            StartFailures.failed(e);
            // nothing ran yet: without the shutdown hooks, Camel's does not log a SIGTERM nobody sent
            org.apache.logging.log4j.LogManager.shutdown();
            Runtime.getRuntime().halt(1);
            return;
        }
        System.exit(rc);
    }

    /** A configured, not yet started bridge; {@code overrides} win over every other setting. */
    public static Main create(Map<String, String> overrides) {
        return install(new Main(), overrides);
    }

    /**
     * Adds the bridge to a Camel Main application that is not started yet (an ESB hosting several
     * integrations): the bridge's settings (its application.properties, then {@code overrides}), its
     * route files and its beans. The host keeps its own routes and shares the HTTP server.
     */
    public static Main install(Main main, Map<String, String> overrides) {
        String own = main.getPropertyPlaceholderLocations();
        main.setPropertyPlaceholderLocations(own == null || own.isBlank() ? PROPERTY_LOCATIONS
                : PROPERTY_LOCATIONS + "," + own);
        overrides.forEach(main::addOverrideProperty);
        BootSettings settings = new BootSettings(overrides);
        settings.environmentOverrides().forEach(main::addOverrideProperty);
        configureRoutes(main, settings);
        main.configure().addConfiguration(BridgeConfiguration.class);
        return main;
    }

    private static void configureRoutes(Main main, BootSettings settings) {
        if (settings.get("camel.main.routes-include-pattern") != null) {
            return; // the operator chose the files outright
        }
        Path shipped = Path.of(settings.require("routes.dir"));
        String customDir = settings.get("routes.custom-dir");
        Path custom = customDir == null ? null : Path.of(customDir);
        Map<String, Path> files = RouteFiles.select(shipped, custom);
        if (custom != null) {
            files.forEach((rel, p) -> {
                if (p.startsWith(custom)) {
                    LoggerFactory.getLogger(Application.class).info("Route file {} from {}", rel, custom);
                }
            });
        }
        main.addOverrideProperty("camel.main.routes-include-pattern", RouteFiles.includePattern(files));
        if (Boolean.parseBoolean(settings.require("routes.reload"))) {
            // dev mode: an edited route file is reloaded without a restart
            main.addOverrideProperty("camel.main.routes-reload-enabled", "true");
            main.addOverrideProperty("camel.main.routes-reload-directory",
                    (custom != null ? custom : shipped).toString());
            main.addOverrideProperty("camel.main.routes-reload-directory-recursive", "true");
            main.addOverrideProperty("camel.main.routes-reload-pattern", "*.camel.yaml");
            // only the edited file's routes are replaced; the others keep running
            main.addOverrideProperty("camel.main.routes-reload-remove-all-routes", "false");
        }
    }
}
