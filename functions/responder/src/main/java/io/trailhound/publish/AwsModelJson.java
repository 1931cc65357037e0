package io.trailhound.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * An SDK request model as the JSON the API takes, from the model's own field list (names as sent): what the CLI
 * prints for an output it does not send to. Fields never set are left out.
 */
final class AwsModelJson {
    private AwsModelJson() {}

    static JsonNode of(Object value) {
        JsonNodeFactory n = JsonNodeFactory.instance;
        if (value == null) {
            return n.nullNode();
        }
        if (value instanceof SdkPojo pojo) {
            ObjectNode o = n.objectNode();
            for (SdkField<?> field : pojo.sdkFields()) {
                Object v = field.getValueOrDefault(pojo);
                if (v == null || v instanceof SdkAutoConstructList || v instanceof SdkAutoConstructMap) {
                    continue;
                }
                o.set(field.locationName(), of(v));
            }
            return o;
        }
        if (value instanceof List<?> list) {
            ArrayNode a = n.arrayNode();
            list.forEach(v -> a.add(of(v)));
            return a;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode o = n.objectNode();
            map.forEach((k, v) -> o.set(String.valueOf(k), of(v)));
            return o;
        }
        if (value instanceof Boolean b) {
            return n.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return n.numberNode(i);
        }
        if (value instanceof Long l) {
            return n.numberNode(l);
        }
        if (value instanceof Double d) {
            return n.numberNode(d);
        }
        return n.textNode(value.toString());
    }
}
