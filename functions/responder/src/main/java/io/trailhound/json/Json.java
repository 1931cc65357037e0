package io.trailhound.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON trees built and written straight from Jackson's streaming parser and generator. An ObjectMapper
 * costs a cold JVM about 120 ms of class loading and introspection before the first tree; this needs only
 * jackson-core and the node classes. Floats are kept as BigDecimal so their digits survive, and one
 * document may not be followed by anything but white space.
 */
public final class Json {
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(1000).build())
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private Json() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Parses one complete JSON document; null for empty input. */
    public static JsonNode parse(String text) throws JsonProcessingException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return null;
            }
            JsonNode node = read(p, first);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "Unexpected content after the JSON document: " + p.currentToken());
            }
            return node;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String does not fail otherwise
        }
    }

    /** Reads the value that starts at {@code token} (the parser's current token) into a tree. */
    public static JsonNode read(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String name = p.currentName();
                    object.set(name, read(p, p.nextToken()));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    array.add(read(p, t));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT ->
                switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new JsonParseException(p, "Unexpected token " + token);
        };
    }

    /**
     * {@code json} again, every value the same, written in printable ASCII with {@code < >} escaped too
     * ({@code \\u003C}): what a log line may carry of a document whose values came from CloudTrail, without
     * changing them (the e-mail's sanitiser would defang its links). Text that is not JSON is returned null.
     */
    public static String asciiOnly(String json) {
        try {
            JsonNode node = parse(json);
            StringWriter out = new StringWriter();
            try (JsonGenerator g = FACTORY.createGenerator(out)) {
                g.enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);
                g.setCharacterEscapes(ASCII_MARKUP);
                write(g, node);
            }
            return out.toString();
        } catch (IOException e) {
            return null;
        }
    }

    private static final com.fasterxml.jackson.core.io.CharacterEscapes ASCII_MARKUP =
            new com.fasterxml.jackson.core.io.CharacterEscapes() {
                private final int[] escapes = standardAsciiEscapesForJSON();

                {
                    escapes['<'] = ESCAPE_STANDARD;
                    escapes['>'] = ESCAPE_STANDARD;
                }

                @Override
                public int[] getEscapeCodesForAscii() {
                    return escapes;
                }

                @Override
                public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
                    return null;
                }
            };

    /** The compact JSON text of a tree. */
    public static String write(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static void write(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    g.writeFieldName(field.getKey());
                    write(g, field.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode item : node) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case NUMBER -> {
                if (node.isBigDecimal()) {
                    g.writeNumber(node.decimalValue());
                } else if (node.isBigInteger()) {
                    g.writeNumber(node.bigIntegerValue());
                } else if (node.isIntegralNumber()) {
                    g.writeNumber(node.longValue());
                } else {
                    g.writeNumber(node.doubleValue());
                }
            }
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            default -> g.writeNull();
        }
    }
}
