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
        return guard.decide(candidates, accountId, alarm, EventConfirmer.OFFLINE, budget).stream()
                .map(d -> new RemediationOutcome(
                        d.candidate().name(),
                        d.candidate().action(),
                        d.act() ? Status.WOULD_DO : Status.SKIPPED,
                        d.act()
                                ? "offline run: planned, nothing was called (online it acts only once CloudWatch confirms the alarm"
                                        + " and CloudTrail the event)"
                                : d.reason()))
                .toList();
    }
}
