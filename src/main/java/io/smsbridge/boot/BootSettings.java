package io.smsbridge.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The few settings needed before Camel starts (which route files to load), looked up in Camel's
 * order: overrides, system properties, environment ({@code ROUTES_CUSTOM_DIR}), the working
 * directory's application.properties, the one packed in the jar.
 */
public final class BootSettings {

    private final Map<String, String> overrides;
    private final Properties files = new Properties();

    public BootSettings(Map<String, String> overrides) {
        this.overrides = overrides;
        try (InputStream in = BootSettings.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                files.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the packed application.properties", e);
        }
        Path local = Path.of("application.properties");
        if (Files.isRegularFile(local)) {
            try (Reader r = Files.newBufferedReader(local, StandardCharsets.UTF_8)) {
                files.load(r);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + local.toAbsolutePath(), e);
            }
        }
    }

    /** The value, or null when unset or blank. */
    public String get(String key) {
        String v = overrides.get(key);
        if (v == null) {
            v = System.getProperty(key);
        }
        if (v == null) {
            v = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        if (v == null) {
            v = files.getProperty(key);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    public String get(String key, String fallback) {
        String v = get(key);
        return v == null ? fallback : v;
    }
}
