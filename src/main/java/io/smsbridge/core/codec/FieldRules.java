package io.smsbridge.core.codec;

import io.smsbridge.core.refusal.MalformedRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What a field of a request may hold, by kind. Identifiers (numbers, ids, statuses, codes) are
 * printable text; message text may also hold tabs and line breaks; URLs are http(s) with a host.
 * None may hold NUL (PostgreSQL cannot store it) or half of a surrogate pair (no character at all).
 */
public final class FieldRules {

    /** Longest URL the bridge stores or hands to a carrier (what browsers and carriers accept). */
    public static final int MAX_URL = 2048;

    private FieldRules() {
    }

    /** An identifier: no control characters, at most {@code max} characters. */
    public static String identifier(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        length(field, value, max);
        controls(field, value, false);
        surrogates(field, value);
        return value;
    }

    /** Message text: any character but NUL and control characters other than tab, line breaks and form feed. */
    public static String text(String field, String value) {
        if (value == null) {
            return null;
        }
        controls(field, value, true);
        surrogates(field, value);
        return value;
    }

    /** An http or https URL with a host, as a carrier or a phone can fetch it. */
    public static String url(String field, String value) {
        if (value == null) {
            return null;
        }
        identifier(field, value, MAX_URL);
        String v = value.trim();
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return v;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw new MalformedRequest(field, "field '" + field + "' must be an http:// or https:// URL with a host");
    }

    /** A value as it may be echoed in an error or a log line: visible ASCII only, cut at {@code max}. */
    public static String printable(String s, int max) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            sb.append(c > 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }

    public static void length(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new MalformedRequest(field, "field '" + field + "' is " + value.length()
                    + " characters long; at most " + max + " are allowed");
        }
    }

    /** NUL and lone surrogates, which no field may hold (checked over a whole JSON document). */
    public static void storable(String field, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new MalformedRequest(field, "field '" + field + "' holds a NUL character");
        }
        surrogates(field, value);
    }

    private static void controls(String field, String value, boolean text) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean layout = c == '\t' || c == '\n' || c == '\r' || c == '\f';
            if ((c < 0x20 && !(text && layout)) || c == 0x7f) {
                throw new MalformedRequest(field, "field '" + field + "' holds a control character (U+"
                        + String.format("%04X", (int) c) + "); " + (text ? "only tab and line breaks are allowed in"
                        + " text" : "it must be printable text"));
            }
        }
    }

    private static void surrogates(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new MalformedRequest(field, "field '" + field + "' holds half of a UTF-16 surrogate pair"
                        + " (\\u" + String.format("%04X", (int) c) + "), which is no character; send valid Unicode");
            }
        }
    }
}
