package io.trailhound.pattern;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code %regex%} term. CloudWatch Logs accepts only letters, digits, the symbols {@code _ # = @ / ; , - :},
 * the operators {@code ^ $ ? [ ] { } | \ * + .}, and spaces; parentheses and multi-byte characters are
 * rejected. Matching finds the expression anywhere in
 * the value unless anchored.
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
                        : c >= 128 ? "multi-byte characters are not supported in regular expressions"
                        : "character " + Scanner.show(c) + " is not supported in regular expressions";
                throw scanner.errorAt(why, start + 1 + i);
            }
        }
        try {
            return new RegexTerm(body, Pattern.compile(body));
        } catch (PatternSyntaxException e) {
            throw scanner.errorAt("invalid regular expression: " + e.getDescription(), start + 1 + Math.max(0, e.getIndex()));
        }
    }

    boolean find(String text) {
        return compiled.matcher(text).find();
    }

    @Override
    public String toString() {
        return "%" + body + "%";
    }
}
