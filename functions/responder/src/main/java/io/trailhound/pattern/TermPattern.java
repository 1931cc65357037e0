package io.trailhound.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pattern for unstructured events: terms that must all appear, {@code ?terms} of which at least one must
 * appear, and {@code -terms} that must not appear. Matching is case-sensitive and by substring ("ERROR"
 * matches "ERRORCODE"). Grammar:
 * <pre>
 * pattern = { term }
 * term    = [ "?" | "-" ] ( quoted-phrase | %regex% | word )      word = any run of non-blank characters
 * </pre>
 * A word is taken literally, whatever its characters ({@code Token=}, {@code Runtime.ExitError}, {@code @}),
 * as CloudWatch Logs accepts them. A quoted phrase directly followed by more non-blank text
 * ({@code "metric":"x"}) is one word, quotes included. As the page says, {@code ?terms} are ignored when the
 * pattern also has plain or {@code -} terms. An empty pattern, or a phrase of nothing but spaces
 * ({@code " "}), matches every event.
 */
final class TermPattern implements CompiledPattern {
    enum Role {
        REQUIRED,
        OPTIONAL,
        EXCLUDED
    }

    record Term(Role role, String literal, RegexTerm regex) {
        boolean foundIn(String message) {
            return regex != null ? regex.find(message) : message.contains(literal);
        }

        @Override
        public String toString() {
            String prefix = role == Role.OPTIONAL ? "?" : role == Role.EXCLUDED ? "-" : "";
            return prefix
                    + (regex != null
                            ? regex.toString()
                            : '"' + literal.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
        }
    }

    private final List<Term> required = new ArrayList<>();
    private final List<Term> optional = new ArrayList<>();
    private final List<Term> excluded = new ArrayList<>();
    private final List<Term> all;

    private TermPattern(List<Term> terms) {
        this.all = List.copyOf(terms);
        for (Term t : terms) {
            (t.role() == Role.REQUIRED ? required : t.role() == Role.OPTIONAL ? optional : excluded).add(t);
        }
    }

    static TermPattern parse(Scanner s) {
        List<Term> terms = new ArrayList<>();
        RegexTerm.Budget regexBudget = new RegexTerm.Budget();
        while (true) {
            s.skipWhitespace();
            if (s.atEnd()) {
                return new TermPattern(terms);
            }
            Role role = Role.REQUIRED;
            if (s.tryConsume("?")) {
                role = Role.OPTIONAL;
            } else if (s.tryConsume("-")) {
                role = Role.EXCLUDED;
            }
            if (role != Role.REQUIRED) {
                s.skipWhitespace();
            }
            char c = s.peek();
            int start = s.pos();
            if (c == '%') {
                regexBudget.spend(s, start);
                terms.add(new Term(role, null, RegexTerm.read(s)));
            } else if (c == '"') {
                String phrase = unescape(s.quotedRaw());
                if (!endOfWord(s)) {
                    terms.add(new Term(role, restOfWord(s, start), null));
                } else if (!phrase.isBlank()) {
                    terms.add(new Term(role, phrase, null));
                } // a blank phrase (" ") is the documented "match everything"
            } else if (s.atEnd()) {
                throw s.error("expected a term after '" + (role == Role.OPTIONAL ? "?" : "-") + "'");
            } else {
                terms.add(new Term(role, restOfWord(s, start), null));
            }
        }
    }

    private static boolean endOfWord(Scanner s) {
        return s.atEnd() || Character.isWhitespace(s.peek());
    }

    /** The source text from {@code start} to the next blank outside quotes, taken literally. */
    private static String restOfWord(Scanner s, int start) {
        while (!endOfWord(s)) {
            if (s.peek() == '"') {
                s.quotedRaw();
            } else {
                s.next();
            }
        }
        return s.source().substring(start, s.pos());
    }

    private static String unescape(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            out.append(c == '\\' && i + 1 < raw.length() ? raw.charAt(++i) : c);
        }
        return out.toString();
    }

    @Override
    public Map<String, String> match(String message) {
        for (Term t : required) {
            if (!t.foundIn(message)) {
                return null;
            }
        }
        for (Term t : excluded) {
            if (t.foundIn(message)) {
                return null;
            }
        }
        if (optional.isEmpty() || !required.isEmpty() || !excluded.isEmpty()) {
            return Map.of(); // "?" terms combined with other terms are ignored (the page's ?ERROR ?ARGUMENTS REQUEST)
        }
        for (Term t : optional) {
            if (t.foundIn(message)) {
                return Map.of();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return String.join(" ", all.stream().map(Term::toString).toList());
    }
}
