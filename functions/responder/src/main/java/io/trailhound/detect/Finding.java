package io.trailhound.detect;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One matching CloudTrail event, classified and reduced to what a responder needs. Every string is capped
 * ({@link FieldCap}); {@code origin} is where the record was read (log group and log stream, or file).
 */
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
        RootDetails root,
        String origin) {
    /** Read-only API names; anything else (Create*, Put*, Delete*, ConsoleLogin, …) counts as a write. */
    private static final java.util.regex.Pattern READ_ONLY = java.util.regex.Pattern.compile(
            "(Get|List|Describe|Head|Lookup|Search|BatchGet|Select|Query|Scan|View)[A-Z].*|Get|List|Describe");

    /** Earliest first; events without a time last; ties broken by event ID. */
    public static final Comparator<Finding> EARLIEST = Comparator.comparing(
                    Finding::eventTime, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Finding::eventId, Comparator.nullsLast(Comparator.naturalOrder()));

    public Finding {
        resources = List.copyOf(resources);
    }

    /** Whether the call may change something: such calls rank above reads of the same severity. */
    public boolean writeApi() {
        return eventName == null || !READ_ONLY.matcher(eventName).matches();
    }

    /** The user agent names Trailhound, which the caller chooses: a claim, never proof. */
    public boolean claimsToBeTrailhound() {
        return userAgent != null && userAgent.toLowerCase(java.util.Locale.ROOT).contains("trailhound/");
    }

    /** For root usage: console sign-in or API call, MFA, and whether a long-term root access key was used. */
    public record RootDetails(boolean consoleSignIn, String mfaUsed, boolean longTermAccessKey) {}
}
