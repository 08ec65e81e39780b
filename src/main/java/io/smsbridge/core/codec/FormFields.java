package io.smsbridge.core.codec;

import io.smsbridge.core.refusal.MalformedRequest;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a query string or an {@code application/x-www-form-urlencoded} body once, strictly: each
 * name and value is %-decoded in the request's charset, a bad escape or byte is refused, and a
 * field that appears twice is refused (which of two senders would be the real one?).
 */
public final class FormFields {

    private FormFields() {
    }

    /** @param where "query string" or "form body", for the errors */
    public static Map<String, String> parse(String raw, Charset charset, String where) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = PercentEncoding.decode(rawName, charset, "(a field name in the " + where + ")");
            FieldRules.identifier("a field name in the " + where, name, 256);
            String value = eq < 0 ? "" : PercentEncoding.decode(pair.substring(eq + 1), charset, name);
            if (out.put(name, value) != null) {
                throw new MalformedRequest(name, "field '" + name + "' appears more than once in the " + where
                        + "; send it once");
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
