package io.trailhound.verify;

import io.trailhound.detect.Finding;

/**
 * What CloudTrail's own event history says about one triggering record. {@code confirmed} is the event as
 * CloudTrail returned it (its time is the one the replay rule uses), null unless CONFIRMED.
 */
public record Confirmation(Status status, String detail, Finding confirmed) {
    public enum Status {
        CONFIRMED,
        NOT_FOUND,
        DIFFERENT,
        FAILED,
        NOT_CHECKED
    }

    public static final Confirmation OFFLINE =
            new Confirmation(Status.NOT_CHECKED, "not checked with CloudTrail (offline run)", null);

    public boolean isConfirmed() {
        return status == Status.CONFIRMED;
    }
}
