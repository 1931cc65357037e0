package io.trailhound.remediate;

import io.trailhound.verify.AlarmCheck;
import java.util.List;

/** Decides, per resource, whether to cancel its deletion; every decision is returned for the alert. */
public interface Remediator {
    /**
     * @param accountId the account the alarm (and so the function) belongs to; other accounts are never touched
     * @param alarm     what CloudWatch says about the notification: an unverified one is never acted on
     */
    List<RemediationOutcome> remediate(List<Candidate> candidates, String accountId, AlarmCheck alarm);

    /** Remediation off: nothing is decided and nothing is reported. */
    Remediator OFF = (candidates, accountId, alarm) -> List.of();
}
