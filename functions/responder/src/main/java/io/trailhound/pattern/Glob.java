package io.trailhound.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * A string value with {@code *} wildcards ("any text, possibly empty") anywhere. {@code \*} is a literal
 * star and {@code \x} a literal x. Matching is exact and case-sensitive, done without regular expressions.
 */
public final class Glob {
    private final String source;
    private final String[] parts; // literal runs between stars
    private final boolean wildcard;

    private Glob(String source, List<String> parts, boolean wildcard) {
        this.source = source;
        this.parts = parts.toArray(String[]::new);
        this.wildcard = wildcard;
    }

    /** Builds a glob from raw text in which {@code *} is a wildcard and a backslash escapes the next char. */
    public static Glob parse(String raw) {
        List<String> parts = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        boolean wildcard = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                run.append(raw.charAt(++i));
            } else if (c == '*') {
                parts.add(run.toString());
                run.setLength(0);
                wildcard = true;
            } else {
                run.append(c);
            }
        }
        parts.add(run.toString());
        return new Glob(raw, parts, wildcard);
    }

    String source() {
        return source;
    }

    public boolean matches(String text) {
        if (!wildcard) {
            return parts[0].equals(text);
        }
        String first = parts[0];
        String last = parts[parts.length - 1];
        if (text.length() < first.length() + last.length() || !text.startsWith(first) || !text.endsWith(last)) {
            return false;
        }
        int from = first.length();
        int limit = text.length() - last.length();
        for (int i = 1; i < parts.length - 1; i++) {
            String part = parts[i];
            int at = text.indexOf(part, from);
            if (at < 0 || at + part.length() > limit) {
                return false;
            }
            from = at + part.length();
        }
        return true;
    }

    @Override
    public String toString() {
        return source;
    }
}
