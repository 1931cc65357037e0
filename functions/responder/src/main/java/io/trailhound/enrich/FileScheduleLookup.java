package io.trailhound.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.detect.ResourceRef;
import io.trailhound.evidence.CloudTrailFiles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Offline: the scheduling events in the same CloudTrail files, whatever their time (deletion is usually
 * scheduled days before the alarm). The files are read once, on first use, keeping only those events.
 */
public final class FileScheduleLookup implements ScheduleLookup {
    private final CloudTrailFiles files;
    private List<JsonNode> schedulingRecords;

    public FileScheduleLookup(CloudTrailFiles files) {
        this.files = files;
    }

    @Override
    public Optional<Scheduling> find(ResourceRef resource, Set<String> ids) {
        return records().stream()
                .map(r -> ScheduleEvents.read(r, resource.type(), ids))
                .flatMap(Optional::stream)
                .filter(s -> s.at() != null)
                .max(Comparator.comparing(Scheduling::at));
    }

    private synchronized List<JsonNode> records() {
        if (schedulingRecords == null) {
            List<JsonNode> kept = new ArrayList<>();
            files.read(record -> {
                String name = record.json().path("eventName").asText();
                if (name.equals("DeleteSecret") || name.equals("ScheduleKeyDeletion")) {
                    kept.add(record.json());
                }
            });
            schedulingRecords = kept;
        }
        return schedulingRecords;
    }
}
