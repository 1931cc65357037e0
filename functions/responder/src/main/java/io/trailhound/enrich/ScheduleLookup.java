package io.trailhound.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.budget.Budget;
import io.trailhound.detect.ResourceType;
import java.util.List;

/**
 * The DeleteSecret / ScheduleKeyDeletion records that may concern resources of one type in one region:
 * those naming {@code resourceName}, or, when it is null, all of them (one call then serves every resource
 * of that type and region). {@link ScheduleEvents#newest} picks each resource's.
 */
public interface ScheduleLookup {
    Records schedulingRecords(ResourceType type, String region, String resourceName, Budget budget);

    /** Knows of no scheduling event (priming, tests). */
    ScheduleLookup NONE = (type, region, resourceName, budget) -> Records.all(List.of());

    /**
     * What was found; {@code incomplete} says what was not searched (a page cap, a failed later page, the
     * budget), null when the whole period was searched.
     */
    record Records(List<JsonNode> records, String incomplete) {
        public Records {
            records = List.copyOf(records);
        }

        public static Records all(List<JsonNode> records) {
            return new Records(records, null);
        }
    }
}
