package io.trailhound.pattern;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A {@code %regex%} term. CloudWatch Logs accepts only letters, digits, the symbols {@code _ # = @ / ; , - :},
 * the operators {@code ^ $ ? [ ] { } | \ * + .}, and spaces; parentheses and multi-byte characters are
 * rejected. Matching finds the expression anywhere in the value unless anchored.
 * <p>
 * The values matched come from the events (user agents, secret ids), which a caller controls, so the
 * engine is RE2/J: time linear in the value's length, whatever the expression. The documented subset
 * (no groups, no backreferences, no lookaround) is within what it accepts; {@code {,n}} ("at most n",
 * which the page allows) is given to it as {@code {0,n}}.
 */
final class RegexTerm {
    private static final String ALLOWED_SYMBOLS = "_#=@/;,-: ^$?[]{}|\\*+.";
    /** CloudWatch allows at most two regular expressions in one filter pattern. */
    static final int MAX_PER_PATTERN = 2;

    /** Counts the regular expressions of one pattern against CloudWatch's limit. */
    static final class Budget {
        private int used;

        void spend(Scanner s, int at) {
            if (++used > MAX_PER_PATTERN) {
                throw s.errorAt("at most " + MAX_PER_PATTERN + " regular expressions are allowed in one pattern", at);
            }
        }
    }

    private final String body;
    private final Pattern compiled;

    private RegexTerm(String body, Pattern compiled) {
        this.body = body;
        this.compiled = compiled;
    }

    /** Parses {@code %body%} at the scanner's position. */
    static RegexTerm read(Scanner scanner) {
        int start = scanner.pos();
        String body = scanner.regexBody();
        if (body.isEmpty()) {
            throw scanner.errorAt("empty regular expression", start);
        }
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean ok = (c < 128 && Character.isLetterOrDigit(c)) || ALLOWED_SYMBOLS.indexOf(c) >= 0;
            if (!ok) {
                String why = c == '(' || c == ')'
                        ? "parentheses are not supported in regular expressions"
                        : c >= 128
                                ? "multi-byte characters are not supported in regular expressions"
                                : "character " + Scanner.show(c) + " is not supported in regular expressions";
                throw scanner.errorAt(why, start + 1 + i);
            }
        }
        try {
            return new RegexTerm(body, Pattern.compile(forRe2(body, scanner, start + 1)));
        } catch (PatternSyntaxException e) {
            throw scanner.errorAt(
                    "invalid regular expression: " + e.getDescription() + " in " + e.getPattern(), start + 1);
        }
    }

    /**
     * The body as RE2/J takes it: {@code x{,n}} becomes {@code x{0,n}}. A {@code {} outside a character
     * class must start a repetition ({@code {2}}, {@code {1,3}}, {@code {,3}}, {@code {2,}}): RE2/J would
     * read a stray one as a literal, where a typo is the likelier reading, so it is refused.
     */
    static String forRe2(String body, Scanner scanner, int bodyStart) {
        StringBuilder out = new StringBuilder(body.length() + 2);
        boolean inClass = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                out.append(c).append(body.charAt(++i));
            } else if (c == '[' && !inClass) {
                inClass = true;
                out.append(c);
                if (i + 1 < body.length() && body.charAt(i + 1) == '^') {
                    out.append(body.charAt(++i));
                }
                if (i + 1 < body.length() && body.charAt(i + 1) == ']') {
                    out.append(body.charAt(++i)); // "[]...]": a leading ']' is a member, not the end
                }
            } else if (c == ']' && inClass) {
                inClass = false;
                out.append(c);
            } else if (c == '{' && !inClass) {
                int close = body.indexOf('}', i);
                String inside = close < 0 ? "" : body.substring(i + 1, close);
                if (!inside.matches("\\d*(,\\d*)?") || inside.isEmpty() || inside.equals(",")) {
                    throw scanner.errorAt(
                            "invalid regular expression: '{' must start a repetition such as {2}, {1,3}, {,3} or {2,}",
                            bodyStart + i);
                }
                out.append('{')
                        .append(inside.startsWith(",") ? "0" : "")
                        .append(inside)
                        .append('}');
                i = close;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    boolean find(String text) {
        return compiled.matcher(text).find();
    }

    @Override
    public String toString() {
        return "%" + body + "%";
    }
}
