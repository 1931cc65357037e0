package io.trailhound.remediate;

import io.trailhound.budget.Budget;
import io.trailhound.config.Config;
import io.trailhound.remediate.RemediationOutcome.Status;
import io.trailhound.verify.AlarmCheck;
import io.trailhound.verify.EventConfirmer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Offline: the plan only, decided by the same {@link RemediationGuard} as in AWS (policy, cap, replay rule);
 * nothing is called whatever the mode, and what only AWS can confirm is said to be still needed.
 */
public final class OfflineRemediator implements Remediator {
    static final String PLANNED = "offline run: planned, nothing was called (online it acts only once CloudWatch"
            + " confirms the alarm and CloudTrail the event)";

    private final RemediationGuard guard;

    public OfflineRemediator(Config config) {
        this.guard = new RemediationGuard(config);
    }

    @Override
    public List<RemediationOutcome> remediate(
            List<Candidate> candidates,
            String accountId,
            AlarmCheck alarm,
            Budget budget,
            Consumer<RemediationOutcome> acted) {
        return guard.remediate(
                candidates,
                accountId,
                alarm,
                EventConfirmer.OFFLINE,
                budget,
                d -> List.of(new RemediationOutcome(
                        d.candidate().name(), d.candidate().action(), Status.WOULD_DO, PLANNED)));
    }
}
