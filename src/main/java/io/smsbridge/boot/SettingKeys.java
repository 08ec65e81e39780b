package io.smsbridge.boot;

import io.smsbridge.core.spelling.NearestName;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every key an operator sets must be one the bridge reads: a typo ({@code db.ulr}) would otherwise
 * leave the default in force without a word. Known keys are those of the shipped
 * application.properties, and {@code retry.<table>.<field>} for the tables there are (default,
 * platform, each carrier's, a carrier's variants). {@code camel.*} keys are Camel's to check.
 */
final class SettingKeys {

    static final List<String> RETRY_FIELDS = List.of("transient", "permanent", "alert", "default", "max-attempts",
            "max-attempts-for", "max-age", "backoff", "max-backoff");

    private final Set<String> reference;
    private final Set<String> tables;

    /**
     * @param reference the keys of the shipped application.properties
     * @param carriers  the names of the carriers on the classpath
     */
    SettingKeys(Set<String> reference, Collection<String> carriers) {
        this.reference = Set.copyOf(reference);
        Set<String> t = new TreeSet<>(List.of("default", "platform"));
        t.addAll(carriers);
        this.tables = Set.copyOf(t);
    }

    /**
     * Checks every {@code file:} location Camel reads settings from (the working directory's
     * application.properties; under Camel JBang the files on the command line) and the override
     * properties (system properties and the settings given to the bridge).
     */
    void checkAll(List<String> locations, Properties overrides) {
        for (String location : locations) {
            if (!location.startsWith("file:")) {
                continue; // the classpath holds the shipped defaults: the reference itself
            }
            Path file = Path.of(location.substring("file:".length()).split(";", 2)[0]);
            if (Files.isRegularFile(file)) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
                }
                check(p.stringPropertyNames(), file.toAbsolutePath().toString());
            }
        }
        if (overrides != null) {
            check(overrides.stringPropertyNames(), "the settings given to the bridge");
        }
    }

    /** The keys of the application.properties packed with the bridge: every setting, with its default. */
    static Set<String> shipped() {
        Properties p = new Properties();
        try (InputStream in = SettingKeys.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packed application.properties", e);
        }
        return p.stringPropertyNames();
    }

    /** Fails naming the source, the key and the nearest valid key when one of {@code keys} is unknown. */
    void check(Collection<String> keys, String source) {
        for (String key : new TreeSet<>(keys)) {
            if (!known(key)) {
                throw new IllegalArgumentException(source + ": unknown setting '" + key + "'"
                        + NearestName.hint(key, candidates(key)) + " (docs/configuration.md lists every setting)");
            }
        }
    }

    boolean known(String key) {
        if (reference.contains(key) || key.startsWith("camel.")) {
            return true;
        }
        if (!key.startsWith("retry.")) {
            return false;
        }
        String rest = key.substring("retry.".length());
        int dot = rest.lastIndexOf('.');
        if (dot <= 0 || !RETRY_FIELDS.contains(rest.substring(dot + 1))) {
            return false;
        }
        String table = rest.substring(0, dot);
        int first = table.indexOf('.');
        String top = first < 0 ? table : table.substring(0, first);
        return tables.contains(top) && !(first >= 0 && (top.equals("default") || top.equals("platform")));
    }

    /** What a mistyped key is compared with: the reference, and the retry keys of its table or of the defaults. */
    private Set<String> candidates(String key) {
        Set<String> out = new TreeSet<>(reference);
        for (String table : tables) {
            for (String field : RETRY_FIELDS) {
                out.add("retry." + table + "." + field);
            }
        }
        return out;
    }
}
