package io.trailhound.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** One of the three filter-pattern sub-languages, compiled. */
sealed interface CompiledPattern permits TermPattern, JsonPattern, DelimitedPattern {
    /** Extracted values (empty unless space-delimited) when the message matches, else null. */
    Map<String, String> match(String message);

    /**
     * Whether an event already parsed as JSON matches. JSON patterns read the tree; the others match the
     * event's compact JSON text, which {@code text} renders only when needed.
     */
    default boolean matches(JsonNode event, java.util.function.Supplier<String> text) {
        return match(text.get()) != null;
    }
}
