package io.smsbridge.boot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A failed start is one line, {@code Cannot start: <what> — <what to do>}; its stack trace only at
 * DEBUG. The checks that know what went wrong report it themselves; anything else that stops the
 * start (a route file, the database) is described here from its causes.
 */
public final class StartFailures {

    private static final Logger LOG = LoggerFactory.getLogger(StartFailures.class);
    private static final Set<Throwable> REPORTED = Collections.synchronizedSet(
            Collections.newSetFromMap(new IdentityHashMap<>()));

    private static final java.util.regex.Pattern ROUTE_FILE = java.util.regex.Pattern.compile("[\\w./-]*\\.camel\\.yaml");

    private StartFailures() {
    }

    /** Logs the one line and returns {@code e} to throw. */
    public static <E extends RuntimeException> E report(E e, String what) {
        LOG.error("Cannot start: {}", what);
        LOG.debug("The start failed", e);
        REPORTED.add(e);
        return e;
    }

    /** The start failed with {@code e}: says so in one line unless a check already did. */
    public static void failed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (REPORTED.contains(t)) {
                LOG.debug("The start failed", e);
                return;
            }
        }
        LOG.error("Cannot start: {}", describe(e));
        LOG.debug("The start failed", e);
    }

    /** What went wrong, from the most telling cause, as one line. */
    static String describe(Throwable e) {
        String deepest = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null) {
                continue;
            }
            if (m.contains("Database may be already in use") || m.contains("file is locked")) {
                return "another bridge (or another program) has the H2 database file of db.url open — stop it,"
                        + " or point db.url at another file";
            }
            java.util.regex.Matcher file = ROUTE_FILE.matcher(m);
            if (file.find()) {
                return "route file " + file.group() + " is invalid: " + firstLine(m) + " — fix it (or remove your"
                        + " copy from routes.custom-dir)";
            }
            deepest = m;
        }
        return deepest == null ? e.getClass().getSimpleName() : firstLine(deepest);
    }

    private static String firstLine(String m) {
        String line = m.strip().lines().findFirst().orElse("");
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }
}
