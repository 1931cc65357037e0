package io.trailhound.detect;

/** What kind of finding an event is; decides enrichment, remediation and severity. */
public enum Detection {
    SECRET_MARKED_FOR_DELETION("Secret scheduled for deletion was accessed", "HIGH", ResourceType.SECRET),
    KMS_KEY_PENDING_DELETION("KMS key pending deletion was used", "HIGH", ResourceType.KMS_KEY),
    ROOT_USAGE("Root account used", "CRITICAL", ResourceType.NONE),
    GENERIC("CloudTrail metric filter matched", "MEDIUM", ResourceType.NONE);

    public final String title;
    public final String severity;
    /** What the finding's resource is: the type {@link Detector} reads from the record. */
    public final ResourceType resourceType;

    Detection(String title, String severity, ResourceType resourceType) {
        this.title = title;
        this.severity = severity;
        this.resourceType = resourceType;
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
