package io.trailhound.detect;

/** What kind of finding an event is; decides enrichment, remediation and severity. */
public enum Detection {
    SECRET_MARKED_FOR_DELETION("Secret scheduled for deletion was accessed", "HIGH"),
    KMS_KEY_PENDING_DELETION("KMS key pending deletion was used", "HIGH"),
    ROOT_USAGE("Root account used", "CRITICAL"),
    GENERIC("CloudTrail metric filter matched", "MEDIUM");

    public final String title;
    public final String severity;

    Detection(String title, String severity) {
        this.title = title;
        this.severity = severity;
    }

    /** 0 for the most severe. */
    public int severityRank() {
        return switch (severity) {
            case "CRITICAL" -> 0;
            case "HIGH" -> 1;
            default -> 2;
        };
    }
}
