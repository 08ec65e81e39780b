package io.smsbridge.core.directory;

import java.util.Locale;

/**
 * A provider's name is its carrier's name ({@code didww}), or the carrier's name and one of its
 * variants ({@code template:acme-sms}, one per template file). The carrier decides the variants;
 * this rule alone decides the carrier, the retry table and the spelling.
 */
public final class ProviderName {

    private ProviderName() {
    }

    /** The carrier that serves the provider: {@code template:acme-sms} → {@code template}. */
    public static String carrier(String provider) {
        int colon = provider.indexOf(':');
        return colon < 0 ? provider : provider.substring(0, colon);
    }

    /** Its retry table, {@code retry.<table>.*}: {@code template:acme-sms} → {@code template.acme-sms}. */
    public static String retryTable(String provider) {
        return provider.replace(':', '.');
    }

    /** As written in the directory: the carrier's name in any case, a variant as its file spells it. */
    public static String normalize(String written) {
        String w = written.trim();
        int colon = w.indexOf(':');
        return colon < 0 ? w.toLowerCase(Locale.ROOT)
                : w.substring(0, colon).trim().toLowerCase(Locale.ROOT) + ":" + w.substring(colon + 1).trim();
    }
}
