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
 * and a few strings, however large the event is.
 */
final class JsonValues {
    static final byte MISSING = 0, STRING = 1, NUMBER = 2, TRUE = 3, FALSE = 4, NULL = 5, OBJECT = 6, ARRAY = 7;

    /** The project's one JSON configuration, so text events and parsed records meet the same limits. */
    private static final JsonFactory FACTORY = Json.FACTORY;

    /** A tree of the selectors' paths; a node with a slot is the end of some selector. */
    private static final class Node {
        Map<String, Node> fields;
        Node[] indexes;
        int slot = -1;
    }

    private final Node root = new Node();
    private final int slots;

    JsonValues(List<Selector> selectors) {
        int max = 0;
        for (Selector selector : selectors) {
            Node node = root;
            for (Object step : selector.steps()) {
                node = step instanceof Integer index ? indexChild(node, index) : fieldChild(node, (String) step);
            }
            node.slot = selector.slot();
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
        Found found = new Found(new byte[slots], new String[slots]);
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
        Found found = new Found(new byte[slots], new String[slots]);
        walk(event, root, found);
        return found;
    }

    private static void walk(JsonNode value, Node node, Found found) {
        if (node.slot >= 0) {
            found.kinds[node.slot] = kindOf(value);
            if (value.isValueNode() && !value.isNull()) {
                found.texts[node.slot] = value.asText();
            }
        }
        if (value.isObject() && node.fields != null) {
            for (Map.Entry<String, Node> field : node.fields.entrySet()) {
                JsonNode child = value.get(field.getKey());
                if (child != null) {
                    walk(child, field.getValue(), found);
                }
            }
        } else if (value.isArray() && node.indexes != null) {
            for (int i = 0; i < node.indexes.length && i < value.size(); i++) {
                if (node.indexes[i] != null) {
                    walk(value.get(i), node.indexes[i], found);
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
            found.kinds[node.slot] = kindOf(token);
            if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
                found.texts[node.slot] = p.getText();
            }
        }
        if (token == JsonToken.START_OBJECT) {
            if (node.fields == null) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                Node child = node.fields.get(p.currentName());
                JsonToken value = p.nextToken();
                if (child == null) {
                    p.skipChildren();
                } else {
                    capture(p, value, child, found);
                }
            }
        } else if (token == JsonToken.START_ARRAY) {
            if (node.indexes == null) {
                p.skipChildren();
                return;
            }
            int index = 0;
            for (JsonToken value = p.nextToken(); value != JsonToken.END_ARRAY; value = p.nextToken(), index++) {
                Node child = index < node.indexes.length ? node.indexes[index] : null;
                if (child == null) {
                    p.skipChildren();
                } else {
                    capture(p, value, child, found);
                }
            }
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

    /** Per-event results, indexed by selector slot. */
    record Found(byte[] kinds, String[] texts) {
    }
}
