package io.trailhound.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.detect.ResourceRef;
import java.util.List;

/**
 * The DeleteSecret / ScheduleKeyDeletion records that may concern resources of one type in one region.
 * One call serves every resource of that type and region; {@link ScheduleEvents#newest} picks each one's.
 */
public interface ScheduleLookup {
    List<JsonNode> schedulingRecords(ResourceRef.Type type, String region);
}
