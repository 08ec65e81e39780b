package io.smsbridge.core.codec;

import io.smsbridge.core.refusal.MalformedRequest;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict %-decoding of query strings and form fields. The JDK's and Netty's decoders quietly turn
 * bytes that are not valid in the charset into U+FFFD; here a bad escape or a bad byte is an error
 * that names the field.
 */
public final class PercentEncoding {

    private PercentEncoding() {
    }

    /**
     * Decodes one {@code application/x-www-form-urlencoded} component ({@code +} is a space).
     *
     * @param field the field it belongs to, for the error
     */
    public static String decode(String s, Charset charset, String field) {
        String bytes;
        try {
            // ISO-8859-1 maps each escaped byte to one char; the charset is applied strictly below
            bytes = URLDecoder.decode(s, StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            throw new MalformedRequest(field, "field '" + field + "' has a bad %-escape; encode '%' as %25");
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                throw new MalformedRequest(field, "field '" + field + "' has a byte that is not %-escaped");
            }
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedRequest(field, "field '" + field + "' is not valid " + charset.name());
        }
    }

    /** Whether a %-escape in the string is not followed by two hex digits. */
    public static boolean hasBadEscape(String s) {
        if (s == null) {
            return false;
        }
        for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
            if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                    || Character.digit(s.charAt(i + 2), 16) < 0) {
                return true;
            }
        }
        return false;
    }
}
