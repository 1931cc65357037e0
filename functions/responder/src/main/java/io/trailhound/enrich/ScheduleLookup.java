package io.trailhound.enrich;

import io.trailhound.detect.ResourceRef;
import java.util.Optional;
import java.util.Set;

/** Finds the newest DeleteSecret / ScheduleKeyDeletion event for a resource known by any of {@code ids}. */
public interface ScheduleLookup {
    Optional<Scheduling> find(ResourceRef resource, Set<String> ids);
}
