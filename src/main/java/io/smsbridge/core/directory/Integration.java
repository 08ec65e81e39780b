package io.smsbridge.core.directory;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One carrier account of an organization. {@code settings} holds every key of the directory entry
 * besides id, provider and webhook-token (credentials included); {@link #toString()} never shows them.
 */
public record Integration(String id, String organizationId, String provider, String webhookToken,
        Map<String, String> settings) {

    public String setting(String key) {
        return settings.get(key);
    }

    public String setting(String key, String fallback) {
        String v = settings.get(key);
        return v == null || v.isBlank() ? fallback : v;
    }

    public boolean flag(String key) {
        String v = settings.get(key);
        return v != null && (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equals("1"));
    }

    /** The integration's own send rate ({@code rate} and {@code burst}), or null when it sets none. */
    public io.smsbridge.core.traffic.SendRate rate() {
        String r = settings.get("rate");
        return r == null || r.isBlank() ? null : io.smsbridge.core.traffic.SendRate.parse(r, settings.get("burst"));
    }

    /** The addresses its carrier's webhooks may come from ({@code allowed-sources}); empty: any. */
    public io.smsbridge.core.net.AddressRanges allowedSources() {
        return io.smsbridge.core.net.AddressRanges.parse(settings.get("allowed-sources"));
    }

    /** Settings that hold a template's properties: {@code properties.<label>} (all treated as secrets). */
    public static final String PROPERTY_PREFIX = "properties.";

    /** The value of a template property ({@code $<label>$}). */
    public String property(String label) {
        return settings.get(PROPERTY_PREFIX + label);
    }

    /** Whether a setting holds a secret (kept out of the database, logs and API answers). */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.startsWith(PROPERTY_PREFIX) || k.contains("password") || k.contains("token") || k.contains("secret") || k.contains("key");
    }

    /** The settings that may be stored and shown. */
    public Map<String, String> publicSettings() {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> {
            if (!isSecret(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return "Integration[id=" + id + ", provider=" + provider + ", settings=" + publicSettings() + "]";
    }
}
