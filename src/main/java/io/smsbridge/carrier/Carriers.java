package io.smsbridge.carrier;

import io.smsbridge.core.directory.ProviderCatalog;
import io.smsbridge.core.directory.ProviderName;
import io.smsbridge.core.directory.ProviderSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The carriers on the classpath, started, and the providers they serve. */
public final class Carriers implements ProviderCatalog {

    private final Map<String, Carrier> byName = new TreeMap<>();
    private final Map<String, ProviderSpec> specs = new TreeMap<>();

    private Carriers(List<Carrier> carriers, CarrierSettings settings) {
        for (Carrier c : carriers) {
            if (byName.putIfAbsent(c.name(), c) != null) {
                throw new IllegalStateException("two carriers are named '" + c.name() + "' ("
                        + byName.get(c.name()).getClass().getName() + ", " + c.getClass().getName()
                        + "); remove one from the classpath");
            }
        }
        for (Carrier c : byName.values()) {
            try {
                c.start(settings);
            } catch (RuntimeException e) {
                throw new IllegalStateException("carrier " + c.name() + ": " + e.getMessage(), e);
            }
            for (ProviderSpec spec : c.providers()) {
                if (!ProviderName.carrier(spec.name()).equals(c.name())) {
                    throw new IllegalStateException("carrier " + c.name() + " serves provider '" + spec.name()
                            + "': a carrier's providers are named <carrier> or <carrier>:<variant>");
                }
                specs.put(spec.name(), spec);
            }
        }
    }

    /** Every carrier {@link ServiceLoader} finds, each started with the settings. */
    public static Carriers discover(CarrierSettings settings) {
        List<Carrier> found = new ArrayList<>();
        ServiceLoader.load(Carrier.class, Carriers.class.getClassLoader()).forEach(found::add);
        return new Carriers(found, settings);
    }

    /** These carriers only (tests). */
    public static Carriers of(CarrierSettings settings, Carrier... carriers) {
        return new Carriers(List.of(carriers), settings);
    }

    /** The carrier behind a provider name; an integration names only known providers (the directory checks). */
    public Carrier forProvider(String provider) {
        Carrier c = byName.get(ProviderName.carrier(provider));
        if (c == null) {
            throw new IllegalStateException("no carrier serves provider '" + provider + "'");
        }
        return c;
    }

    public Collection<Carrier> all() {
        return byName.values();
    }

    @Override
    public ProviderSpec spec(String provider) {
        return specs.get(provider);
    }

    /** Carriers' own names first, then the variants ({@code template:<id>}), each sorted. */
    @Override
    public List<String> names() {
        return specs.keySet().stream().sorted(java.util.Comparator.comparing((String n) -> n.contains(":"))
                .thenComparing(n -> n)).toList();
    }
}
