package io.trailhound.remediate;

import io.trailhound.budget.Budget;
import io.trailhound.verify.AlarmCheck;
import java.util.List;
import java.util.function.Consumer;

/** Decides, per resource, whether to cancel its deletion; every decision is returned for the alert. */
public interface Remediator {
    /**
     * @param accountId the account the alarm (and so the function) belongs to; other accounts are never touched
     * @param alarm     what CloudWatch says about the notification: an unverified one is never acted on
     * @param budget    no action is started without time left to finish it
     * @param acted     told of every call that changed (or tried to change) a resource, the moment it returns,
     *                  so that the record of it survives whatever happens next
     */
    List<RemediationOutcome> remediate(
            List<Candidate> candidates,
            String accountId,
            AlarmCheck alarm,
            Budget budget,
            Consumer<RemediationOutcome> acted);

    /** Remediation off: nothing is decided and nothing is reported. */
    Remediator OFF = (candidates, accountId, alarm, budget, acted) -> List.of();
}
