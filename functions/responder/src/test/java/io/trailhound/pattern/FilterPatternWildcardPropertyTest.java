package io.trailhound.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property: on random documents, a condition on a wildcard selector ({@code $.a[*].b}, {@code $.*},
 * {@code $.a.*}, ...) decides exactly as the {@code ||} of the same condition on every concrete selector
 * the wildcard stands for in that document (false when it stands for none), on the text path and on the
 * parsed-tree path. Seeds are fixed; a failure names the document and both patterns.
 */
class FilterPatternWildcardPropertyTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] NAMES = {"a", "c-d", "g.h"}; // few names, so selectors often lead somewhere
    private static final String[] STRINGS = {"s1", "s2", "x", "", "s1 s2"};
    private static final String[] CONDITIONS = {
        "= \"s1\"", "!= \"s1\"", "= \"s*\"", "= 1", "> 0", "<= 1.5", "= *", "IS NULL", "IS TRUE", "IS FALSE", "= true"
    };

    /** A selector with one wildcard: the steps before it, the wildcard, the steps after it. */
    record Shape(List<String> before, boolean anyField, String after) {}

    @Test
    void wildcardSelectorEqualsTheOrOfItsConcreteSelectors() {
        SplittableRandom random = new SplittableRandom(15_2026L);
        int matched = 0;
        int selectedButFailed = 0; // the wildcard stood for some values, none of which satisfied the condition
        for (int i = 0; i < 4_000; i++) {
            ObjectNode doc = object(random, 0);
            Shape shape = shape(random);
            String condition = CONDITIONS[random.nextInt(CONDITIONS.length)];
            String wildcard = "{ " + selector(shape.before()) + (shape.anyField() ? ".*" : "[*]") + shape.after() + " "
                    + condition + " }";
            List<String> concrete = new ArrayList<>();
            for (String step : expansions(doc, shape)) {
                concrete.add(selector(shape.before()) + step + shape.after() + " " + condition);
            }
            String text = doc.toString();
            boolean expected = !concrete.isEmpty()
                    && FilterPattern.compile("{ " + String.join(" || ", concrete) + " }")
                            .matches(text);
            FilterPattern compiled = FilterPattern.compile(wildcard);
            assertThat(compiled.matches(text))
                    .as("%s vs %s on %s", wildcard, concrete, text)
                    .isEqualTo(expected);
            assertThat(compiled.matches((JsonNode) doc))
                    .as("tree path: %s on %s", wildcard, text)
                    .isEqualTo(expected);
            if (expected) {
                matched++;
            } else if (!concrete.isEmpty()) {
                selectedButFailed++;
            }
        }
        // the generator must produce both outcomes often, or the property says little
        assertThat(matched).isGreaterThan(100);
        assertThat(selectedButFailed).isGreaterThan(100);
    }

    private static Shape shape(SplittableRandom random) {
        List<String> before = new ArrayList<>();
        int depth = random.nextInt(0, 2);
        for (int d = 0; d < depth; d++) {
            before.add(NAMES[random.nextInt(NAMES.length)]);
        }
        boolean anyField = before.isEmpty() || random.nextBoolean(); // the root is an object: $[*] is no selector
        String after = switch (random.nextInt(3)) {
            case 0 -> "";
            case 1 -> step(NAMES[random.nextInt(NAMES.length)]);
            default -> "[" + random.nextInt(2) + "]";
        };
        return new Shape(before, anyField, after);
    }

    /** The concrete steps the wildcard stands for in this document. */
    private static List<String> expansions(ObjectNode doc, Shape shape) {
        JsonNode node = doc;
        for (String name : shape.before()) {
            node = node.isObject() ? node.get(name) : null;
            if (node == null) {
                return List.of();
            }
        }
        List<String> steps = new ArrayList<>();
        if (shape.anyField() && node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                steps.add(step(names.next()));
            }
        } else if (!shape.anyField() && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                steps.add("[" + i + "]");
            }
        }
        return steps;
    }

    private static String selector(List<String> names) {
        StringBuilder s = new StringBuilder("$");
        names.forEach(n -> s.append(step(n)));
        return s.toString();
    }

    private static String step(String name) {
        return name.contains(".") ? ".['" + name + "']" : "." + name;
    }

    private static ObjectNode object(SplittableRandom random, int depth) {
        ObjectNode node = NODES.objectNode();
        int fields = random.nextInt(0, 4);
        for (int f = 0; f < fields; f++) {
            node.set(NAMES[random.nextInt(NAMES.length)], value(random, depth + 1));
        }
        return node;
    }

    private static JsonNode value(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth >= 3 ? 6 : 9);
        return switch (kind) {
            case 0 -> NODES.textNode(STRINGS[random.nextInt(STRINGS.length)]);
            case 1 -> NODES.numberNode(random.nextInt(-1, 3));
            case 2 -> NODES.numberNode(random.nextInt(0, 4) / 2.0);
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> NODES.textNode("s1");
            case 6 -> object(random, depth);
            default -> { // arrays twice as often as objects: [*] needs them
                ArrayNode array = NODES.arrayNode();
                int n = random.nextInt(0, 4);
                for (int i = 0; i < n; i++) {
                    array.add(value(random, depth + 1));
                }
                yield array;
            }
        };
    }
}
