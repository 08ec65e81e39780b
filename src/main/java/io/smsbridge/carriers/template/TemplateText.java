package io.smsbridge.carriers.template;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One string of a provider template, split into literal text and {@code $name$} placeholders
 * ({@code $$} is a literal dollar). Rendering substitutes each placeholder once, escaping the value
 * for where it goes; a value is never read again, so a message that contains {@code $API key$} stays
 * that text. Matching reads placeholders back out of a carrier's value.
 */
public final class TemplateText {

    private final String source;
    private final List<Part> parts;
    private Pattern pattern;

    private record Part(String text, boolean placeholder) {
    }

    private TemplateText(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** @throws IllegalArgumentException when a {@code $} is not closed */
    public static TemplateText parse(String s) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '$') {
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 < s.length() && s.charAt(i + 1) == '$') {
                literal.append('$');
                i += 2;
                continue;
            }
            int end = s.indexOf('$', i + 1);
            if (end < 0) {
                throw new IllegalArgumentException("'$' at position " + i + " opens a placeholder that is never"
                        + " closed (write $$ for a literal dollar)");
            }
            if (literal.length() > 0) {
                parts.add(new Part(literal.toString(), false));
                literal.setLength(0);
            }
            parts.add(new Part(s.substring(i + 1, end), true));
            i = end + 1;
        }
        if (literal.length() > 0) {
            parts.add(new Part(literal.toString(), false));
        }
        return new TemplateText(s, List.copyOf(parts));
    }

    /** The placeholder names, in order of first use. */
    public Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        parts.stream().filter(Part::placeholder).forEach(p -> out.add(p.text()));
        return out;
    }

    public boolean isConstant() {
        return parts.stream().noneMatch(Part::placeholder);
    }

    /** The text with literal dollars unescaped; only meaningful for a constant. */
    public String constant() {
        StringBuilder sb = new StringBuilder();
        parts.forEach(p -> sb.append(p.text()));
        return sb.toString();
    }

    /** Replaces fixed placeholders (such as {@code $event_key$}) with literal text. */
    public TemplateText bind(Map<String, String> fixed) {
        List<Part> out = new ArrayList<>();
        for (Part p : parts) {
            if (p.placeholder() && fixed.containsKey(p.text())) {
                out.add(new Part(fixed.get(p.text()), false));
            } else {
                out.add(p);
            }
        }
        return new TemplateText(source, List.copyOf(out));
    }

    /** Substitutes every placeholder with {@code escape(value)}; literal text is kept as written. */
    public String render(Function<String, String> values, UnaryOperator<String> escape) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p.placeholder()) {
                String v = values.apply(p.text());
                sb.append(escape.apply(v == null ? "" : v));
            } else {
                sb.append(p.text());
            }
        }
        return sb.toString();
    }

    /**
     * Reads the placeholders out of {@code value}: null when it does not have this shape. Literal
     * text is compared without regard to case (carriers differ in "Delivered" and "DELIVERED").
     */
    public Map<String, String> extract(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = pattern().matcher(value);
        if (!m.matches()) {
            return null;
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        int group = 1;
        for (Part p : parts) {
            if (p.placeholder()) {
                String v = m.group(group++);
                out.putIfAbsent(p.text(), v);
            }
        }
        return out;
    }

    private Pattern pattern() {
        if (pattern == null) {
            StringBuilder re = new StringBuilder();
            for (int i = 0; i < parts.size(); i++) {
                Part p = parts.get(i);
                if (p.placeholder()) {
                    // the last placeholder takes the rest; others stop at the shortest match
                    re.append(i == parts.size() - 1 ? "(.*)" : "(.*?)");
                } else {
                    re.append(Pattern.quote(p.text()));
                }
            }
            pattern = Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
        }
        return pattern;
    }

    /** Constant text compared as {@link #extract} does. */
    public static boolean sameConstant(String expected, String actual) {
        return actual != null && expected.toLowerCase(Locale.ROOT).equals(actual.toLowerCase(Locale.ROOT));
    }

    /** The text as a template again (literal dollars doubled). */
    public String toSource() {
        StringBuilder sb = new StringBuilder();
        parts.forEach(p -> sb.append(p.placeholder() ? "$" + p.text() + "$" : p.text().replace("$", "$$")));
        return sb.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
