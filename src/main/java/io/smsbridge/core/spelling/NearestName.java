package io.smsbridge.core.spelling;

import java.util.Collection;

/** The valid name a typo most likely meant: the closest by edit distance, if it is close at all. */
public final class NearestName {

    private NearestName() {
    }

    /** The nearest of {@code valid}, or null when none is within a third of the name's length (at least 2 edits). */
    public static String of(String given, Collection<String> valid) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String v : valid) {
            int d = distance(given.toLowerCase(java.util.Locale.ROOT), v.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance || d == bestDistance && best != null && v.compareTo(best) < 0) {
                best = v;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, given.length() / 3) ? best : null;
    }

    /** "; did you mean 'x'?" or "" — the tail of an error about an unknown name. */
    public static String hint(String given, Collection<String> valid) {
        String n = of(given, valid);
        return n == null ? "" : "; did you mean '" + n + "'?";
    }

    /** Levenshtein distance, with a swap of two neighbours counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
