package io.trailhound.detect;

import java.util.List;
import java.time.Instant;

/** One matching CloudTrail event, classified and reduced to what a responder needs. */
public record Finding(
        Detection detection,
        ResourceRef resource,
        Caller caller,
        String eventSource,
        String eventName,
        Instant eventTime,
        String eventId,
        String sourceIp,
        String userAgent,
        String errorCode,
        String errorMessage,
        List<String> resources,
        RootDetails root) {

    public Finding {
        resources = List.copyOf(resources);
    }

    /** For root usage: console sign-in or API call, MFA, and whether a long-term root access key was used. */
    public record RootDetails(boolean consoleSignIn, String mfaUsed, boolean longTermAccessKey) {
    }
}
