package io.trailhound.enrich;

import io.trailhound.budget.Budget;
import io.trailhound.detect.ResourceRef;
import io.trailhound.detect.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Offline: only what the CloudTrail records say. The scheduling event gives who, when and the deletion
 * date; the service's current state is unknown, and the alert says so.
 */
public final class OfflineEnricher implements Enricher {
    static final String NOT_ASKED = "current state: not asked (offline run, no AWS credentials)";
    private final ScheduleLookup schedules;

    public OfflineEnricher(ScheduleLookup schedules) {
        this.schedules = schedules;
    }

    /** The records are already at hand: nothing to start early. */
    @Override
    public Session start(Budget budget) {
        return new Session() {
            @Override
            public void found(ResourceRef resource) {}

            @Override
            public Map<ResourceRef, ResourceFacts> describeAll(List<ResourceRef> resources, Budget stage) {
                Map<ResourceRef, ResourceFacts> out = new LinkedHashMap<>();
                resources.forEach(r -> out.put(r, describe(r, stage)));
                return out;
            }
        };
    }

    private ResourceFacts describe(ResourceRef resource, Budget budget) {
        if (resource.type() == ResourceType.NONE) {
            return ResourceFacts.NONE;
        }
        List<String> unknowns = new ArrayList<>(List.of(NOT_ASKED));
        String id = resource.type().lookupId(resource.id());
        Scheduling scheduling = ScheduleEvents.newest(
                        schedules
                                .schedulingRecords(resource.type(), resource.region(), null, budget)
                                .records(),
                        resource.type(),
                        Set.of(id))
                .orElse(null);
        if (scheduling == null) {
            unknowns.add("who scheduled the deletion: no " + resource.type().schedulingEvent()
                    + " event for it in the given CloudTrail files");
        }
        String arn = resource.id() != null && resource.id().startsWith("arn:") ? resource.id() : null;
        String name = switch (resource.type()) {
            case SECRET -> ResourceType.secretName(resource.id());
            case KMS_KEY, NONE -> null; // a key is known by its ID and aliases, which only KMS can list
        };
        return new ResourceFacts(arn, name, null, null, null, List.of(), Map.of(), scheduling, unknowns);
    }
}
