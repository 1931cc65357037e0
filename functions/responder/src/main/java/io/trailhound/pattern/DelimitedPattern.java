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
 * ellipsis stands for any number of event fields (zero included). In a pattern without an ellipsis, an
 * event with more fields than the pattern still matches: the last field stands for the rest of the event,
 * as written ({@code [w1=ERROR, w2]} on {@code ERROR 09/25/2014 12:00:02 Failed} gives {@code $w2} =
 * {@code 09/25/2014 12:00:02 Failed}), which is how the page's w1/w2 examples match 6- and 7-word lines.
 * Extracted values are keyed {@code $name} for named fields and {@code $N} (1-based position) for the others.
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
    private final boolean lastTakesRest; // no ellipsis: the last field takes what the others leave

    private DelimitedPattern(List<Field> fields) {
        this.fields = List.copyOf(fields);
        this.lastTakesRest = fields.stream().noneMatch(Field::ellipsis);
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
        DelimitedEvent event = DelimitedEvent.split(message);
        int[] bound = new int[fields.size()]; // first token index of each field
        return bind(event, 0, 0, bound);
    }

    /** Assigns tokens to fields left to right, trying every width for each ellipsis (first success wins). */
    private Map<String, String> bind(DelimitedEvent event, int field, int token, int[] bound) {
        int tokens = event.size();
        if (field == fields.size()) {
            return token == tokens ? evaluate(event, bound) : null;
        }
        bound[field] = token;
        if (!fields.get(field).ellipsis()) {
            if (token >= tokens) {
                return null;
            }
            boolean last = field == fields.size() - 1;
            return bind(event, field + 1, last && lastTakesRest ? tokens : token + 1, bound);
        }
        if (!ellipsisAfter[field]) { // only one width fits: what the fixed fields after it leave over
            int end = tokens - (fields.size() - field - 1);
            return end >= token ? bind(event, field + 1, end, bound) : null;
        }
        for (int end = token; end <= tokens; end++) {
            Map<String, String> result = bind(event, field + 1, end, bound);
            if (result != null) {
                return result;
            }
        }
        return null;
    }

    /** The value of a non-ellipsis field: its token, or the rest of the event when it took more than one. */
    private String value(DelimitedEvent event, int[] bound, int f) {
        int end = f + 1 < fields.size() ? bound[f + 1] : event.size();
        return end - bound[f] > 1 ? event.rest(bound[f]) : event.field(bound[f]);
    }

    private Map<String, String> evaluate(DelimitedEvent event, int[] bound) {
        Map<String, String> byName = new HashMap<>();
        for (int f = 0; f < fields.size(); f++) {
            Field field = fields.get(f);
            if (!field.ellipsis() && field.name() != null) {
                byName.putIfAbsent(field.name(), value(event, bound, f));
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
            if (!field.ellipsis()) {
                extracted.put(field.name() != null ? "$" + field.name() : "$" + (bound[f] + 1), value(event, bound, f));
                continue;
            }
            int end = f + 1 < fields.size() ? bound[f + 1] : event.size();
            for (int t = bound[f]; t < end; t++) {
                extracted.put("$" + (t + 1), event.field(t));
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
            List<String> declared = fields.stream()
                    .filter(f -> f.name() != null)
                    .map(Field::name)
                    .toList();
            referenced.forEach((name, at) -> {
                if (!declared.contains(name)) {
                    throw s.errorAt(
                            "field '" + name + "' is used in a condition but is not a field of this pattern", at);
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
                if (!s.tryConsume("||")) {
                    return left;
                }
                left = new Cond.Or(left, and());
            }
        }

        private Cond and() {
            Cond left = atom();
            while (true) {
                s.skipWhitespace();
                if (!s.tryConsume("&&")) {
                    return left;
                }
                left = new Cond.And(left, atom());
            }
        }

        private Cond atom() {
            s.skipWhitespace();
            int at = s.pos();
            String name = s.readWhile(Scanner::isWordChar);
            if (name.isEmpty()) {
                throw s.error(
                        s.atEnd()
                                ? "expected a field name but the pattern ended"
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
