package io.smsbridge.core.segments;

import java.util.Map;

/**
 * Smart encoding: characters that look like GSM-7 ones but are not (what phones and word processors
 * type: curly quotes, long dashes, the ellipsis, odd spaces, full-width forms) replaced by their GSM-7
 * look-alike, so a message stays 160 characters a part instead of 70. Applied only when the result
 * is all GSM-7: a message that needs UCS-2 anyway (an emoji) is sent exactly as written.
 */
public final class GsmLookalikes {

    /** Each character and what it becomes ("" removes it). */
    static final Map<Character, String> TABLE = Map.ofEntries(
            // quotes and primes
            Map.entry('\u2018', "'"), Map.entry('\u2019', "'"), Map.entry('\u201A', "'"), Map.entry('\u201B', "'"),
            Map.entry('\u2032', "'"), Map.entry('\u02BC', "'"), Map.entry('\u00B4', "'"), Map.entry('\u0060', "'"),
            Map.entry('\u201C', "\""), Map.entry('\u201D', "\""), Map.entry('\u201E', "\""), Map.entry('\u201F', "\""),
            Map.entry('\u2033', "\""), Map.entry('\u00AB', "\""), Map.entry('\u00BB', "\""),
            // dashes and minus
            Map.entry('\u2010', "-"), Map.entry('\u2011', "-"), Map.entry('\u2012', "-"), Map.entry('\u2013', "-"),
            Map.entry('\u2014', "-"), Map.entry('\u2015', "-"), Map.entry('\u2212', "-"),
            // ellipsis
            Map.entry('\u2026', "..."),
            // spaces
            Map.entry('\u00A0', " "), Map.entry('\u2002', " "), Map.entry('\u2003', " "), Map.entry('\u2004', " "),
            Map.entry('\u2005', " "), Map.entry('\u2006', " "), Map.entry('\u2007', " "), Map.entry('\u2008', " "),
            Map.entry('\u2009', " "), Map.entry('\u200A', " "), Map.entry('\u202F', " "), Map.entry('\u205F', " "),
            Map.entry('\u3000', " "),
            // zero-width characters: gone
            Map.entry('\u200B', ""), Map.entry('\u200C', ""), Map.entry('\u200D', ""), Map.entry('\u2060', ""),
            Map.entry('\uFEFF', ""), Map.entry('\u00AD', ""));

    private GsmLookalikes() {
    }

    /** What one character becomes, or null when it stays. */
    static String replacement(char c) {
        String r = TABLE.get(c);
        if (r != null) {
            return r;
        }
        // full-width ASCII (U+FF01..U+FF5E) is ASCII shifted by 0xFEE0
        if (c >= '\uFF01' && c <= '\uFF5E') {
            String ascii = String.valueOf((char) (c - 0xFEE0));
            return SegmentCounter.isGsm7(ascii) ? ascii : null;
        }
        return null;
    }

    /** The text with look-alikes replaced, if that makes it all GSM-7; otherwise the text as it is. */
    public static String apply(String text) {
        if (text == null || SegmentCounter.isGsm7(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String r = replacement(c);
            out.append(r == null ? String.valueOf(c) : r);
        }
        String replaced = out.toString();
        return SegmentCounter.isGsm7(replaced) ? replaced : text;
    }
}
