package io.trailhound.verify;

/**
 * Whether CloudWatch itself confirms the notification: the alarm exists in that account and Region, watches
 * the metric the notification names, and went to ALARM at its StateChangeTime for the reason it gives.
 */
public record AlarmCheck(Status status, String detail) {
    public enum Status {
        VERIFIED,
        UNVERIFIED,
        NOT_CHECKED
    }

    /** Offline there is no CloudWatch to ask. */
    public static final AlarmCheck OFFLINE =
            new AlarmCheck(Status.NOT_CHECKED, "not checked with CloudWatch (offline run)");

    public static AlarmCheck verified(String detail) {
        return new AlarmCheck(Status.VERIFIED, detail);
    }

    public static AlarmCheck unverified(String detail) {
        return new AlarmCheck(Status.UNVERIFIED, detail);
    }

    public boolean unverified() {
        return status == Status.UNVERIFIED;
    }
}
