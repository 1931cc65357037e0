package io.trailhound.remediate;

/** One remediation decision, as the alert and the log show it. */
public record RemediationOutcome(String resource, String action, Status status, String detail) {
    public enum Status {
        DONE,
        WOULD_DO,
        SKIPPED,
        ALREADY_DONE,
        FAILED
    }
}
