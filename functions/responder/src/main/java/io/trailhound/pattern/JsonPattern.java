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
 * selector  = "$" "." name { "." name | "[" digits "]" }      name = [A-Za-z0-9_-]+
 * value     = quoted-string | %regex% | unquoted ([A-Za-z0-9_.*+:-]+)
 * </pre>
 */
final class JsonPattern implements CompiledPattern {
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
                byte kind = found.kinds()[check.selector().slot()];
                yield switch (check.kind()) {
                    case IS_NULL -> kind == JsonValues.NULL;
                    case NOT_EXISTS -> kind == JsonValues.MISSING;
                    case IS_TRUE -> kind == JsonValues.TRUE;
                    case IS_FALSE -> kind == JsonValues.FALSE;
                };
            }
            case JsonExpr.Compare cmp -> {
                int slot = cmp.selector().slot();
                byte kind = found.kinds()[slot];
                String text = switch (kind) {
                    case JsonValues.STRING, JsonValues.NUMBER -> found.texts()[slot];
                    case JsonValues.TRUE -> "true";
                    case JsonValues.FALSE -> "false";
                    default -> null; // missing, null, object, array: the filter does not apply
                };
                yield text != null && Value.test(cmp.op(), cmp.value(), kind == JsonValues.NUMBER, text);
            }
        };
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
                if (s.tryKeyword("NULL")) return new JsonExpr.Check(selector, JsonExpr.Check.Kind.IS_NULL);
                if (s.tryKeyword("TRUE")) return new JsonExpr.Check(selector, JsonExpr.Check.Kind.IS_TRUE);
                if (s.tryKeyword("FALSE")) return new JsonExpr.Check(selector, JsonExpr.Check.Kind.IS_FALSE);
                throw s.error("expected NULL, TRUE or FALSE after IS");
            }
            if (s.tryKeyword("NOT")) {
                s.skipWhitespace();
                if (s.tryKeyword("EXISTS")) return new JsonExpr.Check(selector, JsonExpr.Check.Kind.NOT_EXISTS);
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
                throw s.error(s.atEnd() ? "expected a selector starting with '$.' but the pattern ended"
                        : "expected a selector starting with '$.' but found " + Scanner.show(s.peek()));
            }
            List<Object> steps = new ArrayList<>();
            if (s.peek() != '.') {
                throw s.error("a selector starts with '$.' followed by a property name");
            }
            while (s.peek() == '.' || s.peek() == '[') {
                if (s.tryConsume(".")) {
                    String name = s.readWhile(c -> Scanner.isWordChar(c) || c == '-');
                    if (name.isEmpty()) {
                        throw s.error("expected a property name after '.'");
                    }
                    steps.add(name);
                } else {
                    s.next();
                    int digitsAt = s.pos();
                    String digits = s.readWhile(c -> c >= '0' && c <= '9');
                    if (digits.isEmpty() || digits.length() > 6) {
                        throw s.errorAt("expected an array index (digits) after '['", digitsAt);
                    }
                    s.expect("]", "']'");
                    steps.add(Integer.parseInt(digits));
                }
            }
            int slot = slotByPath.computeIfAbsent(List.copyOf(steps), path -> slotByPath.size());
            Selector selector = new Selector(s.source().substring(start, s.pos()), steps, slot);
            selectors.add(selector);
            return selector;
        }
    }
}
