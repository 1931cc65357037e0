package io.trailhound.evidence;

import java.time.Instant;

/** One log event as a source delivers it, before the filter pattern decides. */
public record RawEvent(String message, Instant timestamp, String origin) {
}
