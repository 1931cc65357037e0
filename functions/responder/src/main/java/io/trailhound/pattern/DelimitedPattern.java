package io.trailhound.pattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A space-delimited pattern such as {@code [ip, user, ..., status_code = 4*, bytes > 1000]}. Grammar:
 * <pre>
 * pattern = "[" field { "," field } "]"
 * field   = "..." | "" | or
 * or      = and { "||" and }
 * and     = atom { "&amp;&amp;" atom }
 * atom    = name [ operator value ]            name = [A-Za-z0-9_]+
 * </pre>
 * A field's name is the first name in it; conditions may name any field declared in the pattern. An
 * ellipsis stands for any number of event fields (zero included). Extracted values are keyed
 * {@code $name} for named fields and {@code $N} (1-based position) for the others.
 */
final class DelimitedPattern implements CompiledPattern {

    sealed interface Cond {
        record And(Cond left, Cond right) implements Cond {
            @Override
            public String toString() {
                return left + " && " + right;
            }
        }

        record Or(Cond left, Cond right) implements Cond {
            @Override
            public String toString() {
                return left + " || " + right;
            }
        }

        record Compare(String name, Operator op, Value value) implements Cond {
            @Override
            public String toString() {
                return name + " " + op.symbol + " " + value;
            }
        }

        /** A bare name: no condition. */
        record Always(String name) implements Cond {
            @Override
            public String toString() {
                return name;
            }
        }
    }

    /** A pattern position: an ellipsis, an unnamed field, or a named one with an optional condition. */
    record Field(boolean ellipsis, String name, Cond cond) {
        @Override
        public String toString() {
            return ellipsis ? "..." : cond == null ? "" : cond.toString();
        }
    }

    private final List<Field> fields;
    private final boolean[] ellipsisAfter; // whether an ellipsis follows position i

    private DelimitedPattern(List<Field> fields) {
        this.fields = List.copyOf(fields);
        this.ellipsisAfter = new boolean[fields.size()];
        for (int i = fields.size() - 2; i >= 0; i--) {
            ellipsisAfter[i] = ellipsisAfter[i + 1] || fields.get(i + 1).ellipsis();
        }
    }

    static DelimitedPattern parse(Scanner s) {
        return new Parser(s).pattern();
    }

    @Override
    public Map<String, String> match(String message) {
        List<String> tokens = DelimitedEvent.split(message);
        int[] bound = new int[fields.size()]; // first token index of each field
        return bind(tokens, 0, 0, bound);
    }

    /** Assigns tokens to fields left to right, trying every width for each ellipsis (first success wins). */
    private Map<String, String> bind(List<String> tokens, int field, int token, int[] bound) {
        if (field == fields.size()) {
            return token == tokens.size() ? evaluate(tokens, bound) : null;
        }
        bound[field] = token;
        if (!fields.get(field).ellipsis()) {
            return token < tokens.size() ? bind(tokens, field + 1, token + 1, bound) : null;
        }
        if (!ellipsisAfter[field]) { // only one width fits: what the fixed fields after it leave over
            int end = tokens.size() - (fields.size() - field - 1);
            return end >= token ? bind(tokens, field + 1, end, bound) : null;
        }
        for (int end = token; end <= tokens.size(); end++) {
            Map<String, String> result = bind(tokens, field + 1, end, bound);
            if (result != null) {
                return result;
            }
        }
        return null;
    }

    private Map<String, String> evaluate(List<String> tokens, int[] bound) {
        Map<String, String> byName = new HashMap<>();
        for (int f = 0; f < fields.size(); f++) {
            Field field = fields.get(f);
            if (!field.ellipsis() && field.name() != null) {
                byName.putIfAbsent(field.name(), tokens.get(bound[f]));
            }
        }
        for (Field field : fields) {
            if (field.cond() != null && !holds(field.cond(), byName)) {
                return null;
            }
        }
        Map<String, String> extracted = new LinkedHashMap<>();
        for (int f = 0; f < fields.size(); f++) {
            Field field = fields.get(f);
            int end = f + 1 < fields.size() ? bound[f + 1] : tokens.size();
            for (int t = bound[f]; t < end; t++) {
                boolean named = !field.ellipsis() && field.name() != null;
                extracted.put(named ? "$" + field.name() : "$" + (t + 1), tokens.get(t));
            }
        }
        return extracted;
    }

    private static boolean holds(Cond cond, Map<String, String> byName) {
        return switch (cond) {
            case Cond.And and -> holds(and.left(), byName) && holds(and.right(), byName);
            case Cond.Or or -> holds(or.left(), byName) || holds(or.right(), byName);
            case Cond.Always always -> true;
            case Cond.Compare cmp -> {
                String text = byName.get(cmp.name());
                yield Value.test(cmp.op(), cmp.value(), Value.isNumber(text), text);
            }
        };
    }

    @Override
    public String toString() {
        return "[" + String.join(", ", fields.stream().map(Field::toString).toList()) + "]";
    }

    private static final class Parser {
        private final Scanner s;
        private final List<Field> fields = new ArrayList<>();
        private final Map<String, Integer> referenced = new LinkedHashMap<>(); // name -> position of first use
        private final RegexTerm.Budget regexBudget = new RegexTerm.Budget();

        Parser(Scanner s) {
            this.s = s;
        }

        DelimitedPattern pattern() {
            s.skipWhitespace();
            s.expect("[", "'['");
            do {
                fields.add(field());
                s.skipWhitespace();
            } while (s.tryConsume(","));
            s.expect("]", "',' or ']'");
            s.skipWhitespace();
            if (!s.atEnd()) {
                throw s.error("unexpected text after the closing ']'");
            }
            List<String> declared = fields.stream().filter(f -> f.name() != null).map(Field::name).toList();
            referenced.forEach((name, at) -> {
                if (!declared.contains(name)) {
                    throw s.errorAt("field '" + name + "' is used in a condition but is not a field of this pattern", at);
                }
            });
            return new DelimitedPattern(fields);
        }

        private Field field() {
            s.skipWhitespace();
            if (s.tryConsume("...") || s.tryConsume("\u2026")) {
                return new Field(true, null, null);
            }
            if (s.peek() == ',' || s.peek() == ']') {
                return new Field(false, null, null);
            }
            Cond cond = or();
            return new Field(false, firstName(cond), cond);
        }

        private static String firstName(Cond cond) {
            return switch (cond) {
                case Cond.And and -> firstName(and.left());
                case Cond.Or or -> firstName(or.left());
                case Cond.Compare cmp -> cmp.name();
                case Cond.Always always -> always.name();
            };
        }

        private Cond or() {
            Cond left = and();
            while (true) {
                s.skipWhitespace();
                if (!s.tryConsume("||")) return left;
                left = new Cond.Or(left, and());
            }
        }

        private Cond and() {
            Cond left = atom();
            while (true) {
                s.skipWhitespace();
                if (!s.tryConsume("&&")) return left;
                left = new Cond.And(left, atom());
            }
        }

        private Cond atom() {
            s.skipWhitespace();
            int at = s.pos();
            String name = s.readWhile(Scanner::isWordChar);
            if (name.isEmpty()) {
                throw s.error(s.atEnd() ? "expected a field name but the pattern ended"
                        : "expected a field name but found " + Scanner.show(s.peek()));
            }
            referenced.putIfAbsent(name, at);
            s.skipWhitespace();
            Operator op = Operator.read(s);
            if (op == null) {
                return new Cond.Always(name);
            }
            return new Cond.Compare(name, op, Value.readComparand(s, op, Parser::unquoted, regexBudget));
        }

        private static boolean unquoted(char c) {
            return Scanner.isWordChar(c) || c == '.' || c == '*' || c == '-' || c == '+' || c == ':' || c == '/';
        }
    }
}
