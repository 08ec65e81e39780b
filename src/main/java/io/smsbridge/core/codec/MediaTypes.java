package io.smsbridge.core.codec;

import java.util.Locale;

/** The media type of a Content-Type value: what decides how a body is read. */
public final class MediaTypes {

    private MediaTypes() {
    }

    /** {@code application/json; charset=utf-8} → {@code application/json}; "" when there is none. */
    public static String of(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
