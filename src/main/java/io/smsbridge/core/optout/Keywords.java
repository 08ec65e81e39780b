package io.smsbridge.core.optout;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A number's opt-out keywords and their auto-replies (an empty reply sends none: some carriers answer
 * STOP themselves). A message is a keyword only when it is the whole message, trimmed, in any case.
 */
public record Keywords(Set<String> stop, Set<String> start, Set<String> help, String stopReply, String startReply,
        String helpReply) {

    /** The settings a number may set under {@code opt-out:} (and {@code optout.<name>} sets for all). */
    public static final Set<String> SETTINGS = Set.of("stop-words", "start-words", "help-words", "stop-reply",
            "start-reply", "help-reply");

    /** From settings by name ({@link #SETTINGS}); words are comma-separated. */
    public static Keywords of(Map<String, String> settings) {
        for (String k : settings.keySet()) {
            if (!SETTINGS.contains(k)) {
                throw new IllegalArgumentException("unknown opt-out setting '" + k + "'; known: "
                        + String.join(", ", new java.util.TreeSet<>(SETTINGS)));
            }
        }
        Keywords k = new Keywords(words(settings.get("stop-words")), words(settings.get("start-words")),
                words(settings.get("help-words")), reply(settings.get("stop-reply")), reply(settings.get("start-reply")),
                reply(settings.get("help-reply")));
        Set<String> all = new java.util.HashSet<>();
        for (Set<String> list : java.util.List.of(k.stop, k.start, k.help)) {
            for (String w : list) {
                if (!all.add(w)) {
                    throw new IllegalArgumentException("keyword '" + w + "' is in two lists; each word may mean one thing");
                }
            }
        }
        return k;
    }

    /** These keywords with some settings replaced (a number's own {@code opt-out:}). */
    public Keywords with(Map<String, String> overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new java.util.HashMap<>(Map.of("stop-words", String.join(",", stop),
                "start-words", String.join(",", start), "help-words", String.join(",", help),
                "stop-reply", stopReply, "start-reply", startReply, "help-reply", helpReply));
        merged.putAll(overrides);
        return of(merged);
    }

    /** The keyword the whole message is, or null. */
    public Keyword match(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.isEmpty() || t.length() > 32) {
            return null;
        }
        return stop.contains(t) ? Keyword.STOP : start.contains(t) ? Keyword.START : help.contains(t) ? Keyword.HELP
                : null;
    }

    /** The auto-reply to a keyword; empty when it is off. */
    public String reply(Keyword k) {
        return switch (k) {
            case STOP -> stopReply;
            case START -> startReply;
            case HELP -> helpReply;
        };
    }

    private static Set<String> words(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(list.split(",")).map(w -> w.strip().toUpperCase(Locale.ROOT)).filter(w -> !w.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String reply(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("off")) {
            return "";
        }
        return text.strip();
    }
}
