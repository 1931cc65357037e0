package io.trailhound.enrich;

import io.trailhound.detect.Caller;
import java.time.Instant;

/** The DeleteSecret / ScheduleKeyDeletion call that put the resource on its way out. */
public record Scheduling(
        Caller by, Instant at, Instant deletionDate, Integer windowDays, String eventId, String sourceIp) {}
