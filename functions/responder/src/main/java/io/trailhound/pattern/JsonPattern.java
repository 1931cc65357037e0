package io.trailhound.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled JSON filter pattern. Grammar (recursive descent, one method per rule; && binds tighter
 * than ||, parentheses group):
 * <pre>
 * pattern   = "{" or "}"
 * or        = and { "||" and }
 * and       = unary { "&amp;&amp;" unary }
 * unary     = "(" or ")" | condition
 * condition = selector ( "IS" ("NULL" | "TRUE" | "FALSE") | "NOT" "EXISTS" | operator value )
 * selector  = "$" "." first { "." field | "[" ( digits | "*" | key ) "]" }
 * first     = field | "[" key "]"                 field = name | "*" | "[" key "]"
 * name      = [A-Za-z0-9_-]+                      key   = "'" any text, \' and \\ escaped "'"
 * value     = quoted-string | %regex% | unquoted ([A-Za-z0-9_.*+:-]+)
 * </pre>
 * A selector holds at most one wildcard ({@code .*} or {@code [*]}) and a pattern at most three selectors
 * with one, the page's quotas. A condition on a wildcard selector holds when it holds for at least one of
 * the values selected (so it equals the || of the concrete selectors), except {@code NOT EXISTS}, which
 * holds when nothing is selected.
 */
final class JsonPattern implements CompiledPattern {
    /** "Up to three wildcard selectors in a filter pattern with compound expressions." */
    static final int MAX_WILDCARD_SELECTORS = 3;

    private final JsonExpr expr;
    private final JsonValues reader;

    private JsonPattern(JsonExpr expr, List<Selector> selectors) {
        this.expr = expr;
        this.reader = new JsonValues(selectors);
    }

    static JsonPattern parse(Scanner s) {
        return new Parser(s).pattern();
    }

    @Override
    public Map<String, String> match(String message) {
        JsonValues.Found found = reader.read(message);
        return found != null && eval(expr, found) ? Map.of() : null;
    }

    @Override
    public boolean matches(JsonNode event, java.util.function.Supplier<String> text) {
        JsonValues.Found found = reader.read(event);
        return found != null && eval(expr, found);
    }

    private static boolean eval(JsonExpr e, JsonValues.Found found) {
        return switch (e) {
            case JsonExpr.And and -> eval(and.left(), found) && eval(and.right(), found);
            case JsonExpr.Or or -> eval(or.left(), found) || eval(or.right(), found);
            case JsonExpr.Check check -> {
                int slot = check.selector().slot();
                if (check.kind() == JsonExpr.Check.Kind.NOT_EXISTS) {
                    yield found.count(slot) == 0;
                }
                byte wanted = switch (check.kind()) {
                    case IS_NULL -> JsonValues.NULL;
                    case IS_TRUE -> JsonValues.TRUE;
                    default -> JsonValues.FALSE;
                };
                for (int i = 0; i < found.count(slot); i++) {
                    if (found.kind(slot, i) == wanted) {
                        yield true;
                    }
                }
                yield false;
            }
            case JsonExpr.Compare cmp -> {
                int slot = cmp.selector().slot();
                for (int i = 0; i < found.count(slot); i++) {
                    if (compare(cmp, found.kind(slot, i), found.text(slot, i))) {
                        yield true;
                    }
                }
                yield false;
            }
        };
    }

    private static boolean compare(JsonExpr.Compare cmp, byte kind, String found) {
        String text = switch (kind) {
            case JsonValues.STRING, JsonValues.NUMBER -> found;
            case JsonValues.TRUE -> "true";
            case JsonValues.FALSE -> "false";
            default -> null; // null, object, array: the filter does not apply
        };
        return text != null && Value.test(cmp.op(), cmp.value(), kind == JsonValues.NUMBER, text);
    }

    @Override
    public String toString() {
        return "{ " + expr + " }";
    }

    private static final class Parser {
        private final Scanner s;
        private final List<Selector> selectors = new ArrayList<>();
        private final Map<List<Object>, Integer> slotByPath = new HashMap<>(); // same path, same slot
        private final RegexTerm.Budget regexBudget = new RegexTerm.Budget();
        private int wildcardSelectors;

        Parser(Scanner s) {
            this.s = s;
        }

        JsonPattern pattern() {
            s.skipWhitespace();
            s.expect("{", "'{'");
            JsonExpr expr = or();
            s.skipWhitespace();
            s.expect("}", "'&&', '||' or '}'");
            s.skipWhitespace();
            if (!s.atEnd()) {
                throw s.error("unexpected text after the closing '}'");
            }
            return new JsonPattern(expr, selectors);
        }

        private JsonExpr or() {
            JsonExpr left = and();
            while (true) {
                s.skipWhitespace();
                if (!s.tryConsume("||")) {
                    return left;
                }
                left = new JsonExpr.Or(left, and());
            }
        }

        private JsonExpr and() {
            JsonExpr left = unary();
            while (true) {
                s.skipWhitespace();
                if (!s.tryConsume("&&")) {
                    return left;
                }
                left = new JsonExpr.And(left, unary());
            }
        }

        private JsonExpr unary() {
            s.skipWhitespace();
            if (s.tryConsume("(")) {
                JsonExpr inner = or();
                s.skipWhitespace();
                s.expect(")", "')'");
                return inner;
            }
            return condition();
        }

        private JsonExpr condition() {
            Selector selector = selector();
            s.skipWhitespace();
            int at = s.pos();
            if (s.tryKeyword("IS")) {
                s.skipWhitespace();
                if (s.tryKeyword("NULL")) {
                    return new JsonExpr.Check(selector, JsonExpr.Check.Kind.IS_NULL);
                }
                if (s.tryKeyword("TRUE")) {
                    return new JsonExpr.Check(selector, JsonExpr.Check.Kind.IS_TRUE);
                }
                if (s.tryKeyword("FALSE")) {
                    return new JsonExpr.Check(selector, JsonExpr.Check.Kind.IS_FALSE);
                }
                throw s.error("expected NULL, TRUE or FALSE after IS");
            }
            if (s.tryKeyword("NOT")) {
                s.skipWhitespace();
                if (s.tryKeyword("EXISTS")) {
                    return new JsonExpr.Check(selector, JsonExpr.Check.Kind.NOT_EXISTS);
                }
                throw s.error("expected EXISTS after NOT");
            }
            Operator op = Operator.read(s);
            if (op == null) {
                throw s.errorAt("expected an operator (=, !=, <, <=, >, >=, IS, NOT EXISTS) after " + selector, at);
            }
            return new JsonExpr.Compare(selector, op, Value.readComparand(s, op, Parser::unquoted, regexBudget));
        }

        private static boolean unquoted(char c) {
            return Scanner.isWordChar(c) || c == '.' || c == '*' || c == '-' || c == '+' || c == ':';
        }

        private Selector selector() {
            s.skipWhitespace();
            int start = s.pos();
            if (!s.tryConsume("$")) {
                throw s.error(
                        s.atEnd()
                                ? "expected a selector starting with '$.' but the pattern ended"
                                : "expected a selector starting with '$.' but found " + Scanner.show(s.peek()));
            }
            if (s.peek() != '.') {
                throw s.error("a selector starts with '$.' followed by a property name");
            }
            List<Object> steps = new ArrayList<>();
            int wildcardAt = -1;
            while (s.peek() == '.' || s.peek() == '[') {
                int stepAt = s.pos();
                Object step =
                        s.tryConsume(".") ? (s.peek() == '[' ? bracket(false) : field()) : bracket(!steps.isEmpty());
                if (step instanceof Selector.Wildcard) {
                    if (wildcardAt >= 0) {
                        throw s.errorAt("a property selector can hold only one wildcard selector", stepAt);
                    }
                    wildcardAt = stepAt;
                }
                steps.add(step);
            }
            if (wildcardAt >= 0 && ++wildcardSelectors > MAX_WILDCARD_SELECTORS) {
                throw s.errorAt(
                        "a filter pattern can hold at most " + MAX_WILDCARD_SELECTORS + " wildcard selectors",
                        wildcardAt);
            }
            int slot = slotByPath.computeIfAbsent(List.copyOf(steps), path -> slotByPath.size());
            Selector selector = new Selector(s.source().substring(start, s.pos()), steps, slot);
            selectors.add(selector);
            return selector;
        }

        /** After '.': a name or '*'. */
        private Object field() {
            if (s.tryConsume("*")) {
                return Selector.Wildcard.ANY_FIELD;
            }
            String name = s.readWhile(c -> Scanner.isWordChar(c) || c == '-');
            if (name.isEmpty()) {
                throw s.error("expected a property name, '*' or ['key'] after '.'");
            }
            return name;
        }

        /** At '[': a quoted key, or (after the first step) an index or '*'. */
        private Object bracket(boolean indexAllowed) {
            s.expect("[", "'['");
            int at = s.pos();
            Object step;
            if (s.peek() == '\'') {
                step = quotedKey();
            } else if (!indexAllowed) {
                throw s.errorAt("expected a quoted key ('...') after '$.['", at);
            } else if (s.tryConsume("*")) {
                step = Selector.Wildcard.ANY_ELEMENT;
            } else {
                String digits = s.readWhile(c -> c >= '0' && c <= '9');
                if (digits.isEmpty() || digits.length() > 6) {
                    throw s.errorAt("expected an array index (digits), '*' or a quoted key ('...') after '['", at);
                }
                step = Integer.parseInt(digits);
            }
            s.expect("]", "']'");
            return step;
        }

        private String quotedKey() {
            int start = s.pos();
            s.next();
            StringBuilder key = new StringBuilder();
            while (!s.atEnd()) {
                char c = s.next();
                if (c == '\\' && !s.atEnd()) {
                    key.append(s.next());
                } else if (c == '\'') {
                    return key.toString();
                } else {
                    key.append(c);
                }
            }
            throw s.errorAt("unterminated quoted key", start);
        }
    }
}
