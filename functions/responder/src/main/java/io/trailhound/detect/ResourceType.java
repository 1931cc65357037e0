package io.trailhound.detect;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of resource a detection can be about, and what differs between them outside the service calls:
 * the CloudTrail event that schedules a deletion, the action that cancels it, how to read the id an event
 * gives, how an alert names it. The service calls (describe, cancel) are exhaustive switches over this type
 * in the adapters, so a new constant makes the compiler list every place that must decide.
 */
public enum ResourceType {
    SECRET("secret", "scheduled for deletion", "DeleteSecret", "recoveryWindowInDays", "RestoreSecret"),
    KMS_KEY("KMS key", "pending deletion", "ScheduleKeyDeletion", "pendingWindowInDays", "CancelKeyDeletion"),
    /** Findings about no particular resource (root usage, generic matches): nothing to describe or remediate. */
    NONE(null, null, null, null, null);

    private final String noun;
    private final String pendingState;
    private final String schedulingEvent;
    private final String windowField;
    private final String remediation;

    ResourceType(String noun, String pendingState, String schedulingEvent, String windowField, String remediation) {
        this.noun = noun;
        this.pendingState = pendingState;
        this.schedulingEvent = schedulingEvent;
        this.windowField = windowField;
        this.remediation = remediation;
    }

    /** The CloudTrail event that schedules the deletion (DeleteSecret, ScheduleKeyDeletion). */
    public String schedulingEvent() {
        return required(schedulingEvent);
    }

    /** The request parameter of the scheduling event that holds its waiting period in days. */
    public String windowField() {
        return required(windowField);
    }

    /** The API call that cancels the deletion (RestoreSecret, CancelKeyDeletion). */
    public String remediation() {
        return required(remediation);
    }

    /** The type whose deletion {@code eventName} schedules, if any. */
    public static Optional<ResourceType> scheduledBy(String eventName) {
        return Arrays.stream(values())
                .filter(t -> t.schedulingEvent != null && t.schedulingEvent.equals(eventName))
                .findFirst();
    }

    /** How a subject line names the resource: "secret prod/db (scheduled for deletion)". */
    public String inSubject(String idOrArn) {
        String id = idOrArn == null ? "(unknown)" : shortId(idOrArn);
        return required(noun) + " " + id + " (" + pendingState + ")";
    }

    /**
     * The part of an ARN that names the resource (a secret's name with the suffix AWS adds, a key's ID); any
     * other text as it is. Keys are matched by this ID, whichever way an event names them.
     */
    public String shortId(String idOrArn) {
        return switch (this) {
            case SECRET -> afterLast(idOrArn, ":secret:");
            case KMS_KEY -> afterFirst(idOrArn, ":key/");
            case NONE -> idOrArn;
        };
    }

    /**
     * The id that scheduling records are matched by: a secret's as the event gave it (DeleteSecret's record
     * carries the name and the ARN), a key's ID.
     */
    public String lookupId(String idOrArn) {
        return switch (this) {
            case SECRET, NONE -> idOrArn;
            case KMS_KEY -> shortId(idOrArn);
        };
    }

    /**
     * A secret's name from its name or ARN ({@code arn:…:secret:NAME-AbCdEf}; the six-character suffix is
     * AWS's).
     */
    public static String secretName(String idOrArn) {
        if (idOrArn == null || !idOrArn.contains(":secret:")) {
            return idOrArn;
        }
        String tail = SECRET.shortId(idOrArn);
        return tail.matches(".*-[A-Za-z0-9]{6}") ? tail.substring(0, tail.length() - 7) : tail;
    }

    private static String afterLast(String text, String marker) {
        int at = text == null ? -1 : text.lastIndexOf(marker);
        return at >= 0 ? text.substring(at + marker.length()) : text;
    }

    private static String afterFirst(String text, String marker) {
        int at = text == null ? -1 : text.indexOf(marker);
        return at >= 0 ? text.substring(at + marker.length()) : text;
    }

    private String required(String value) {
        if (value == null) {
            throw new IllegalStateException(this + " names no resource");
        }
        return value;
    }
}
