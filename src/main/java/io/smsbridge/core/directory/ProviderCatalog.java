package io.smsbridge.core.directory;

import java.util.List;

/** The providers an integration may name; the carriers behind them are not the directory's business. */
public interface ProviderCatalog {

    /** What the provider needs and can do, or null for a provider nobody knows. */
    ProviderSpec spec(String provider);

    /** Every provider name, for an error that lists them. */
    List<String> names();
}
