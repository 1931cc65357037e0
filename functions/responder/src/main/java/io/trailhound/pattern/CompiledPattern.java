package io.trailhound.pattern;

import java.util.Map;

/** One of the three filter-pattern sub-languages, compiled. */
sealed interface CompiledPattern permits TermPattern, JsonPattern, DelimitedPattern {
    /** Extracted values (empty unless space-delimited) when the message matches, else null. */
    Map<String, String> match(String message);
}
