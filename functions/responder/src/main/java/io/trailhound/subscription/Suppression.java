package io.trailhound.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.alarm.LogBatch;
import io.trailhound.detect.Detector;
import io.trailhound.detect.Finding;
import io.trailhound.evidence.TrailEvent;
import io.trailhound.idempotency.IdempotencyStore;
import io.trailhound.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Subscription mode's brake: a caller hammering a secret makes one alert per window, not one per batch.
 * The batch's events are grouped by resource × caller (as the detector reads them); a group whose window
 * is open in the idempotency table is counted there and dropped; a group that opens a window goes on to
 * the alert, which says how many events the previous window suppressed. A table failure never costs an
 * alert: the group is then alerted without suppression.
 */
public final class Suppression {
    /** What goes on: the events to alert on, notes for the alert, and how many events were held back. */
    public record Admitted(LogBatch batch, List<String> notes, long suppressed, List<String> suppressedKeys) {
        public Admitted {
            notes = List.copyOf(notes);
            suppressedKeys = List.copyOf(suppressedKeys);
        }
    }

    private final IdempotencyStore store;
    private final Duration window;
    private final Consumer<String> warn;

    public Suppression(IdempotencyStore store, Duration window, Consumer<String> warn) {
        this.store = store;
        this.window = window;
        this.warn = warn;
    }

    public Admitted admit(LogBatch batch, Instant now) {
        Map<String, List<LogBatch.Event>> byKey = new LinkedHashMap<>();
        for (LogBatch.Event e : batch.events()) {
            byKey.computeIfAbsent(key(batch, e), k -> new ArrayList<>()).add(e);
        }
        List<LogBatch.Event> kept = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> held = new ArrayList<>();
        long suppressed = 0;
        for (Map.Entry<String, List<LogBatch.Event>> group : byKey.entrySet()) {
            IdempotencyStore.Window w;
            try {
                w = store.suppress(group.getKey(), now, window, group.getValue().size());
            } catch (RuntimeException e) {
                warn.accept("suppression state unavailable for " + group.getKey() + " (" + e
                        + "): alerting without suppression");
                notes.add("the suppression window of " + group.getKey() + " could not be read ("
                        + e.getClass().getSimpleName() + "); alerted without suppression");
                kept.addAll(group.getValue());
                continue;
            }
            if (w.opened()) {
                kept.addAll(group.getValue());
                if (w.suppressed() > 0) {
                    notes.add(w.suppressed() + " further matching event(s) of " + group.getKey()
                            + " were counted, not alerted, in the previous " + window + " suppression window");
                }
            } else {
                suppressed += group.getValue().size();
                held.add(group.getKey() + " (" + w.suppressed() + " counted in this window)");
            }
        }
        if (!kept.isEmpty()) {
            notes.add("subscription mode: further events of the same resource × caller within " + window
                    + " are counted, not alerted; the next alert after the window says how many");
        }
        return new Admitted(batch.withEvents(kept), notes, suppressed, held);
    }

    /** Resource × caller as the detector reads the event (a message that is not a record has neither). */
    static String key(LogBatch batch, LogBatch.Event e) {
        Finding f = Detector.classify(new TrailEvent(record(e.message()), batch.origin(), e.timestamp()));
        String resource = f.resource().id() == null
                ? "no resource"
                : f.resource().type() + " " + f.resource().id()
                        + (f.resource().region() == null
                                ? ""
                                : " in " + f.resource().region());
        String caller = f.caller() == null || f.caller().principal() == null
                ? "unknown caller"
                : f.caller().principal();
        return resource + " × " + caller;
    }

    private static JsonNode record(String message) {
        try {
            JsonNode node = Json.parse(message);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException ignored) {
            // not a CloudTrail record: it still has a key, and the alert shows its text
        }
        return Json.object().put("message", message);
    }
}
