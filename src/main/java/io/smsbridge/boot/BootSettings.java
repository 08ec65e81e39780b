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

    /**
     * Every key of application.properties set by an environment variable ({@code DB_URL} for
     * {@code db.url}) and not by a system property or an override: Camel reads the environment for
     * some groups of keys only ({@code CAMEL_SERVER_PORT} was ignored), so the bridge applies all.
     */
    public Map<String, String> environmentOverrides() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String key : files.stringPropertyNames()) {
            String env = System.getenv(envName(key));
            if (env != null && !overrides.containsKey(key) && System.getProperty(key) == null) {
                out.put(key, env);
            }
        }
        return out;
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value, or null when unset or blank. */
    public String get(String key) {
        String v = overrides.get(key);
        if (v == null) {
            v = System.getProperty(key);
        }
        if (v == null) {
            v = System.getenv(envName(key));
        }
        if (v == null) {
            v = files.getProperty(key);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The value; application.properties holds every setting, so a missing one is an error naming it. */
    public String require(String key) {
        String v = get(key);
        if (v == null) {
            throw new IllegalStateException("setting " + key + " is missing: application.properties holds every"
                    + " setting with its default; restore the line");
        }
        return v;
    }
}
