package io.trailhound.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How template.yaml configures ResponderFunction, read from the SAM-transformed template (the
 * AWS::Lambda::Function that CloudFormation creates): handler, memory, timeout, log format, SnapStart and the
 * environment variables, with {@code Ref}s to parameters resolved to their defaults and {@code Ref}s to
 * resources resolved from {@code resources} (for example AlertTopic to a topic ARN in moto).
 */
public record FunctionConfig(
        String handler,
        int memoryMb,
        Duration timeout,
        String logFormat,
        boolean snapStart,
        Map<String, String> environment) {

    public static FunctionConfig fromTemplate(Map<String, String> resources) throws Exception {
        JsonNode template = TemplateTest.transform();
        JsonNode function = template.path("Resources").path("ResponderFunction").path("Properties");
        Map<String, String> env = new LinkedHashMap<>();
        function.at("/Environment/Variables")
                .fields()
                .forEachRemaining(e -> env.put(e.getKey(), resolve(e.getValue(), template, resources, e.getKey())));
        return new FunctionConfig(
                function.path("Handler").asText(),
                function.path("MemorySize").asInt(),
                Duration.ofSeconds(function.path("Timeout").asInt()),
                function.at("/LoggingConfig/LogFormat").asText("Text"),
                function.at("/SnapStart/ApplyOn").asText().equals("PublishedVersions"),
                env);
    }

    private static String resolve(JsonNode value, JsonNode template, Map<String, String> resources, String name) {
        if (value.isValueNode()) {
            return value.asText();
        }
        JsonNode parameters = template.path("Parameters");
        JsonNode when = value.path("Fn::If");
        if (when.isArray()) { // a condition of the template, with the parameters' defaults
            boolean holds = holds(template.path("Conditions").path(when.get(0).asText()), template);
            return resolve(when.get(holds ? 1 : 2), template, resources, name);
        }
        String ref = value.path("Ref").asText(null);
        if (ref != null && parameters.has(ref)) {
            return parameters.path(ref).path("Default").asText("");
        }
        if (ref != null && resources.containsKey(ref)) {
            return resources.get(ref);
        }
        throw new IllegalArgumentException(
                "environment variable " + name + " = " + value + ": give the harness a value for it");
    }

    /** Fn::Equals, Fn::Not, Fn::And, Fn::Or and Condition over parameter defaults and literals. */
    private static boolean holds(JsonNode condition, JsonNode template) {
        if (condition.has("Fn::Equals")) {
            JsonNode args = condition.get("Fn::Equals");
            return value(args.get(0), template).equals(value(args.get(1), template));
        }
        if (condition.has("Fn::Not")) {
            return !holds(condition.get("Fn::Not").get(0), template);
        }
        if (condition.has("Condition")) {
            return holds(
                    template.path("Conditions").path(condition.get("Condition").asText()), template);
        }
        boolean and = condition.has("Fn::And");
        if (and || condition.has("Fn::Or")) {
            for (JsonNode c : condition.get(and ? "Fn::And" : "Fn::Or")) {
                if (holds(c, template) != and) {
                    return !and;
                }
            }
            return and;
        }
        throw new IllegalArgumentException("condition " + condition + ": the harness cannot evaluate it");
    }

    private static String value(JsonNode v, JsonNode template) {
        if (v.isValueNode()) {
            return v.asText();
        }
        return template.path("Parameters")
                .path(v.path("Ref").asText())
                .path("Default")
                .asText("");
    }

    public FunctionConfig withTimeout(Duration t) {
        return new FunctionConfig(handler, memoryMb, t, logFormat, snapStart, environment);
    }

    public FunctionConfig withSnapStart(boolean s) {
        return new FunctionConfig(handler, memoryMb, timeout, logFormat, s, environment);
    }

    /** The same with more (or overriding) environment variables. */
    public FunctionConfig withEnvironment(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(more);
        return new FunctionConfig(handler, memoryMb, timeout, logFormat, snapStart, Map.copyOf(env));
    }
}
