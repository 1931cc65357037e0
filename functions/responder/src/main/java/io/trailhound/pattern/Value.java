package io.trailhound.pattern;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** The right-hand side of a comparison in a JSON or space-delimited pattern. */
sealed interface Value {
    Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** Text with {@code *} wildcards; {@code number} is set when the text was an unquoted numeric literal. */
    record Text(Glob glob, BigDecimal number, boolean quoted) implements Value {
        @Override
        public String toString() {
            return quoted ? '"' + glob.source() + '"' : glob.source();
        }
    }

    record Regex(RegexTerm regex) implements Value {
        @Override
        public String toString() {
            return regex.toString();
        }
    }

    /**
     * Reads a value: a quoted string, a {@code %regex%}, or an unquoted run of characters for which
     * {@code unquoted} holds.
     */
    static Value read(Scanner s, Scanner.CharPredicate unquoted) {
        s.skipWhitespace();
        char c = s.peek();
        if (c == '"') {
            return new Text(Glob.parse(s.quotedRaw()), null, true);
        }
        if (c == '%') {
            return new Regex(RegexTerm.read(s));
        }
        int start = s.pos();
        String raw = s.readWhile(unquoted);
        if (raw.isEmpty()) {
            throw s.error(
                    s.atEnd()
                            ? "expected a value but the pattern ended"
                            : "expected a value but found " + Scanner.show(c) + " (quote values that contain it)");
        }
        BigDecimal number = NUMBER.matcher(raw).matches() ? parseNumber(raw, s, start) : null;
        return new Text(Glob.parse(raw), number, false);
    }

    /**
     * Reads the value after {@code op}: numeric operators need a number, and every regular expression is
     * charged to the pattern's {@code budget}.
     */
    static Value readComparand(Scanner s, Operator op, Scanner.CharPredicate unquoted, RegexTerm.Budget budget) {
        s.skipWhitespace();
        int at = s.pos();
        if (s.peek() == '%') {
            budget.spend(s, at);
        }
        Value value = read(s, unquoted);
        if (!op.isEquality() && !(value instanceof Text t && t.number() != null)) {
            throw s.errorAt("operator " + op.symbol + " needs a number", at);
        }
        return value;
    }

    private static BigDecimal parseNumber(String raw, Scanner s, int start) {
        try {
            return new BigDecimal(raw);
        } catch (NumberFormatException | ArithmeticException e) {
            throw s.errorAt("invalid number '" + raw + "'", start);
        }
    }

    /**
     * Tests a scalar. {@code numeric} says whether {@code text} is a number (a JSON number, or a delimited
     * field that parses as one). Numeric operators need a number on both sides; = and != compare numbers by
     * value when both are numbers, else the text (with wildcards) or the regular expression.
     */
    static boolean test(Operator op, Value value, boolean numeric, String text) {
        if (!op.isEquality()) {
            if (!numeric || !(value instanceof Text t) || t.number() == null) {
                return false;
            }
            return op.holds(new BigDecimal(text).compareTo(t.number()));
        }
        boolean equal = switch (value) {
            case Regex r -> r.regex().find(text);
            case Text t when numeric && t.number() != null -> new BigDecimal(text).compareTo(t.number()) == 0;
            case Text t -> t.glob().matches(text);
        };
        return op == Operator.EQ ? equal : !equal;
    }

    static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() < 400 && NUMBER.matcher(text).matches();
    }
}
