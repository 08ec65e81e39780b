package io.smsbridge.boot;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The directory's {@code {{env:NAME:default}}} defaults are for demos: outside demo mode a value
 * whose variable is unset is refused, so a forgotten secret never falls back to a dev key.
 */
final class DemoDefaults {

    private static final Pattern WITH_DEFAULT = Pattern.compile("\\{\\{env:([A-Za-z_][A-Za-z0-9_]*):[^}]*}}");

    private DemoDefaults() {
    }

    /** {@code resolver} as it is, in demo mode; otherwise refusing a default whose variable {@code env} lacks. */
    static UnaryOperator<String> guard(UnaryOperator<String> resolver, boolean demo, UnaryOperator<String> env) {
        if (demo) {
            return resolver;
        }
        return value -> {
            Matcher m = WITH_DEFAULT.matcher(value);
            while (m.find()) {
                String name = m.group(1);
                if (env.apply(name) == null) {
                    throw new IllegalArgumentException(name + " is not set; the default after ':' is for demos only."
                            + " Set " + name + ", or demo=true on a bridge for trying out");
                }
            }
            return resolver.apply(value);
        };
    }
}
