package io.trailhound.pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.json.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a log event as JSON in one streaming pass and keeps only the values the pattern's selectors name.
 * Everything else is skipped without being materialised, so a match costs one tokenisation of the event
 * and a few strings, however large the event is. The one exception: a value that two selectors enter by
 * different steps (a name and a wildcard, as in {@code $.a.b} and {@code $.*.b}) is read into a tree once,
 * since a stream cannot be read twice.
 */
final class JsonValues {
    static final byte MISSING = 0, STRING = 1, NUMBER = 2, TRUE = 3, FALSE = 4, NULL = 5, OBJECT = 6, ARRAY = 7;

    /** The project's one JSON configuration, so text events and parsed records meet the same limits. */
    private static final JsonFactory FACTORY = Json.FACTORY;

    /** A tree of the selectors' paths; a node with a slot is the end of some selector. */
    private static final class Node {
        Map<String, Node> fields;
        Node[] indexes;
        Node anyField;
        Node anyElement;
        int slot = -1;
        boolean many; // the end of a wildcard selector: every value counts, not only the last

        boolean entersObjects() {
            return fields != null || anyField != null;
        }

        boolean entersArrays() {
            return indexes != null || anyElement != null;
        }
    }

    private final Node root = new Node();
    private final int slots;

    JsonValues(List<Selector> selectors) {
        int max = 0;
        for (Selector selector : selectors) {
            Node node = root;
            for (Object step : selector.steps()) {
                node = switch (step) {
                    case Integer index -> indexChild(node, index);
                    case String name -> fieldChild(node, name);
                    case Selector.Wildcard w
                    when w == Selector.Wildcard.ANY_FIELD ->
                        node.anyField != null ? node.anyField : (node.anyField = new Node());
                    default -> node.anyElement != null ? node.anyElement : (node.anyElement = new Node());
                };
            }
            node.slot = selector.slot();
            node.many = selector.hasWildcard();
            max = Math.max(max, selector.slot() + 1);
        }
        this.slots = max;
    }

    private static Node fieldChild(Node node, String name) {
        if (node.fields == null) {
            node.fields = new HashMap<>();
        }
        return node.fields.computeIfAbsent(name, n -> new Node());
    }

    private static Node indexChild(Node node, int index) {
        if (node.indexes == null || node.indexes.length <= index) {
            Node[] grown = new Node[index + 1];
            if (node.indexes != null) {
                System.arraycopy(node.indexes, 0, grown, 0, node.indexes.length);
            }
            node.indexes = grown;
        }
        if (node.indexes[index] == null) {
            node.indexes[index] = new Node();
        }
        return node.indexes[index];
    }

    /** The values found; null when the message is not one complete JSON object. */
    Found read(String message) {
        int first = 0;
        while (first < message.length() && Character.isWhitespace(message.charAt(first))) {
            first++;
        }
        if (first == message.length() || message.charAt(first) != '{') {
            return null;
        }
        Found found = new Found(slots);
        try (JsonParser parser = FACTORY.createParser(message)) {
            capture(parser, parser.nextToken(), root, found);
            return parser.nextToken() == null ? found : null;
        } catch (IOException | RuntimeException e) {
            return null; // not JSON, truncated, or too deep: a JSON pattern does not match it
        }
    }

    /** The same values, from an already parsed event; null when it is not a JSON object. */
    Found read(JsonNode event) {
        if (event == null || !event.isObject()) {
            return null;
        }
        Found found = new Found(slots);
        walk(event, root, found);
        return found;
    }

    private static void walk(JsonNode value, Node node, Found found) {
        if (node.slot >= 0) {
            found.add(
                    node.slot,
                    node.many,
                    kindOf(value),
                    value.isValueNode() && !value.isNull() ? value.asText() : null);
        }
        if (value.isObject() && node.entersObjects()) {
            if (node.fields != null) {
                for (Map.Entry<String, Node> field : node.fields.entrySet()) {
                    JsonNode child = value.get(field.getKey());
                    if (child != null) {
                        walk(child, field.getValue(), found);
                    }
                }
            }
            if (node.anyField != null) {
                for (JsonNode child : value) {
                    walk(child, node.anyField, found);
                }
            }
        } else if (value.isArray() && node.entersArrays()) {
            for (int i = 0; i < value.size(); i++) {
                if (node.indexes != null && i < node.indexes.length && node.indexes[i] != null) {
                    walk(value.get(i), node.indexes[i], found);
                }
                if (node.anyElement != null) {
                    walk(value.get(i), node.anyElement, found);
                }
            }
        }
    }

    private static byte kindOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING, BINARY -> STRING;
            case NUMBER -> NUMBER;
            case BOOLEAN -> value.booleanValue() ? TRUE : FALSE;
            case NULL -> NULL;
            case OBJECT, POJO -> OBJECT;
            case ARRAY -> ARRAY;
            case MISSING -> MISSING;
        };
    }

    private static void capture(JsonParser p, JsonToken token, Node node, Found found) throws IOException {
        if (node.slot >= 0) {
            found.add(
                    node.slot,
                    node.many,
                    kindOf(token),
                    token.isScalarValue() && token != JsonToken.VALUE_NULL ? p.getText() : null);
        }
        if (token == JsonToken.START_OBJECT) {
            if (!node.entersObjects()) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                Node named = node.fields == null ? null : node.fields.get(p.currentName());
                captureChild(p, p.nextToken(), named, node.anyField, found);
            }
        } else if (token == JsonToken.START_ARRAY) {
            if (!node.entersArrays()) {
                p.skipChildren();
                return;
            }
            int index = 0;
            for (JsonToken value = p.nextToken(); value != JsonToken.END_ARRAY; value = p.nextToken(), index++) {
                Node indexed = node.indexes != null && index < node.indexes.length ? node.indexes[index] : null;
                captureChild(p, value, indexed, node.anyElement, found);
            }
        }
    }

    /** A value reached by a concrete step ({@code exact}) and/or a wildcard step ({@code any}). */
    private static void captureChild(JsonParser p, JsonToken value, Node exact, Node any, Found found)
            throws IOException {
        if (exact != null && any != null) {
            if (value.isStructStart()) { // both want to descend: read it once, walk it twice
                JsonNode tree = Json.read(p, value);
                walk(tree, exact, found);
                walk(tree, any, found);
            } else {
                capture(p, value, exact, found);
                capture(p, value, any, found);
            }
        } else if (exact != null || any != null) {
            capture(p, value, exact != null ? exact : any, found);
        } else {
            p.skipChildren();
        }
    }

    private static byte kindOf(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> STRING;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> NUMBER;
            case VALUE_TRUE -> TRUE;
            case VALUE_FALSE -> FALSE;
            case VALUE_NULL -> NULL;
            case START_OBJECT -> OBJECT;
            case START_ARRAY -> ARRAY;
            default -> MISSING;
        };
    }

    /**
     * Per-event results, indexed by selector slot: the kind and text of each value found (at most one for a
     * concrete selector, any number for a wildcard one). Text is null for null, objects and arrays.
     */
    static final class Found {
        private final byte[] kinds;
        private final String[] texts;
        private final int[] counts;
        private byte[][] moreKinds; // second and later values of a slot, allocated only when there are any
        private String[][] moreTexts;

        Found(int slots) {
            kinds = new byte[slots];
            texts = new String[slots];
            counts = new int[slots];
        }

        /** Records a value; a concrete selector keeps only the last (a repeated key), a wildcard one all. */
        void add(int slot, boolean many, byte kind, String text) {
            int n = many ? counts[slot]++ : 0;
            if (n == 0) {
                counts[slot] = 1;
                kinds[slot] = kind;
                texts[slot] = text;
                return;
            }
            if (moreKinds == null) {
                moreKinds = new byte[kinds.length][];
                moreTexts = new String[kinds.length][];
            }
            if (moreKinds[slot] == null || moreKinds[slot].length < n) {
                int size = Math.max(4, n * 2);
                moreKinds[slot] =
                        moreKinds[slot] == null ? new byte[size] : java.util.Arrays.copyOf(moreKinds[slot], size);
                moreTexts[slot] =
                        moreTexts[slot] == null ? new String[size] : java.util.Arrays.copyOf(moreTexts[slot], size);
            }
            moreKinds[slot][n - 1] = kind;
            moreTexts[slot][n - 1] = text;
        }

        int count(int slot) {
            return counts[slot];
        }

        byte kind(int slot, int i) {
            return i == 0 ? kinds[slot] : moreKinds[slot][i - 1];
        }

        String text(int slot, int i) {
            return i == 0 ? texts[slot] : moreTexts[slot][i - 1];
        }
    }
}
