package io.trailhound.enrich;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What AWS (or, offline, the records) says about a secret or key. Anything that could not be determined is
 * null, with the reason in {@code unknowns}: the alert shows "unknown: reason" rather than leaving it out.
 */
public record ResourceFacts(
        String arn,
        String name,
        String state,
        Instant deletionDate,
        String description,
        List<String> aliases,
        Map<String, String> tags,
        Scheduling scheduling,
        List<String> unknowns) {

    public ResourceFacts {
        aliases = List.copyOf(aliases);
        tags = Map.copyOf(tags);
        unknowns = List.copyOf(unknowns);
    }

    /** For findings about no particular resource (root usage, generic events). */
    public static final ResourceFacts NONE =
            new ResourceFacts(null, null, null, null, null, List.of(), Map.of(), null, List.of());

    /** These facts with who scheduled the deletion, or with why that is unknown ({@code unknown}, may be null). */
    public ResourceFacts withScheduling(Scheduling found, String unknown) {
        List<String> all = new ArrayList<>(unknowns);
        if (unknown != null) {
            all.add(unknown);
        }
        return new ResourceFacts(arn, name, state, deletionDate, description, aliases, tags, found, all);
    }

    /** Whole days from {@code now} until deletion, rounded up (0 on the last day); null when unknown. */
    public Long daysLeft(Instant now) {
        Instant date = effectiveDeletionDate();
        if (date == null) {
            return null;
        }
        long seconds = date.getEpochSecond() - now.getEpochSecond();
        return seconds <= 0 ? 0L : (seconds + 86_399) / 86_400;
    }

    /** The service's deletion date, else the one derived from the scheduling event. */
    public Instant effectiveDeletionDate() {
        return deletionDate != null ? deletionDate : scheduling != null ? scheduling.deletionDate() : null;
    }
}
