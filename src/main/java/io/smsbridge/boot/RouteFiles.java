package io.smsbridge.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Which route files the bridge loads: every {@code *.camel.yaml} of the shipped folder, where a file
 * of the same name in the operator's custom folder replaces the shipped one, and any other file
 * there is added.
 */
public final class RouteFiles {

    static final String SUFFIX = ".camel.yaml";

    private RouteFiles() {
    }

    /** Relative path (with '/') to the file that will be loaded. */
    public static Map<String, Path> select(Path shipped, Path custom) {
        Map<String, Path> files = new TreeMap<>();
        list(shipped).forEach((rel, p) -> files.put(rel, p));
        if (custom != null) {
            if (!Files.isDirectory(custom)) {
                throw new IllegalArgumentException("routes.custom-dir " + custom + " is not a folder; create it and"
                        + " copy the route files to change into it");
            }
            files.putAll(list(custom));
        }
        return files;
    }

    /** The value of {@code camel.main.routes-include-pattern} for these files. */
    public static String includePattern(Map<String, Path> files) {
        List<String> out = new ArrayList<>();
        files.values().forEach(p -> out.add("file:" + p.toString().replace('\\', '/')));
        return String.join(",", out);
    }

    private static Map<String, Path> list(Path dir) {
        Map<String, Path> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).forEach(p ->
                    out.put(p.getFileName().toString(), p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return out;
    }
}
