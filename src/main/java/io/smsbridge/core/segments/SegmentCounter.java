package io.smsbridge.core.segments;

/**
 * Counts SMS parts the way an SMSC splits a text: GSM-7 when every character is in the GSM 03.38
 * default alphabet or its extension table (extension characters take two septets), UCS-2 otherwise.
 * Parts are filled greedily and an escape pair or a surrogate pair is never split across parts.
 */
public final class SegmentCounter {

    private static final String GSM_BASIC =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    private SegmentCounter() {
    }

    public static Segments count(String text) {
        String t = text == null ? "" : text;
        return isGsm7(t) ? countGsm7(t) : countUcs2(t);
    }

    static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static Segments countGsm7(String text) {
        int total = 0;
        int[] costs = new int[text.length()];
        for (int i = 0; i < text.length(); i++) {
            costs[i] = GSM_EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
            total += costs[i];
        }
        return new Segments(Encoding.GSM7, total, parts(costs, total, Encoding.GSM7));
    }

    private static Segments countUcs2(String text) {
        // a surrogate pair is one 2-unit item that must stay within one part
        int[] costs = new int[text.length()];
        int items = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                costs[items++] = 2;
                i++;
            } else {
                costs[items++] = 1;
            }
        }
        int[] trimmed = java.util.Arrays.copyOf(costs, items);
        return new Segments(Encoding.UCS2, text.length(), parts(trimmed, text.length(), Encoding.UCS2));
    }

    private static int parts(int[] costs, int total, Encoding encoding) {
        if (total == 0) {
            return 1;
        }
        if (total <= encoding.single()) {
            return 1;
        }
        int parts = 1;
        int used = 0;
        for (int cost : costs) {
            if (used + cost > encoding.perPart()) {
                parts++;
                used = 0;
            }
            used += cost;
        }
        return parts;
    }
}
