package io.trailhound.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.detect.ResourceType;
import io.trailhound.evidence.CloudTrailFiles;
import io.trailhound.evidence.RecordObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offline: the scheduling events in the same CloudTrail files, whatever their time (deletion is usually
 * scheduled days before the alarm). As a {@link RecordObserver} it keeps them while the evidence scan reads
 * the files, so the files are read once; if that scan did not read every file, it reads them itself.
 */
public final class FileScheduleLookup implements ScheduleLookup, RecordObserver {
    private final CloudTrailFiles files;
    private final Map<String, JsonNode> observed = new LinkedHashMap<>(); // by eventID: several scans see a record once
    private boolean observedAll;

    public FileScheduleLookup(CloudTrailFiles files) {
        this.files = files;
    }

    /** Every region's: offline files are matched by the resource's identifiers alone, as before. */
    @Override
    public Records schedulingRecords(
            ResourceType type, String region, String resourceName, io.trailhound.budget.Budget budget) {
        String name = type.schedulingEvent();
        return Records.all(records().stream()
                .filter(r -> name.equals(r.path("eventName").asText()))
                .toList());
    }

    @Override
    public void record(JsonNode record) {
        if (ResourceType.scheduledBy(record.path("eventName").asText()).isPresent()) {
            synchronized (this) {
                observed.put(record.path("eventID").asText(String.valueOf(observed.size())), record);
            }
        }
    }

    @Override
    public synchronized void allRead() {
        observedAll = true;
    }

    private synchronized List<JsonNode> records() {
        if (!observedAll) {
            files.read(r -> record(r.json()));
            observedAll = true;
        }
        return new ArrayList<>(observed.values());
    }
}
