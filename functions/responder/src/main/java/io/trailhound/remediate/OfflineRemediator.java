package io.trailhound.remediate;

import io.trailhound.config.Config;
import io.trailhound.detect.ResourceRef;
import io.trailhound.enrich.ResourceFacts;
import io.trailhound.remediate.RemediationOutcome.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Offline: the plan only. Policy is applied as in AWS, and nothing is called whatever the mode. */
public final class OfflineRemediator implements Remediator {
    private final RemediationPolicy policy;

    public OfflineRemediator(Config config) {
        this.policy = RemediationPolicy.from(config);
    }

    @Override
    public List<RemediationOutcome> remediate(Map<ResourceRef, ResourceFacts> resources, String accountId,
                                              io.trailhound.budget.Budget budget,
                                              java.util.function.Consumer<RemediationOutcome> acted) {
        List<RemediationOutcome> out = new ArrayList<>();
        resources.forEach((ref, facts) -> {
            String action = ref.type() == ResourceRef.Type.SECRET ? "RestoreSecret" : "CancelKeyDeletion";
            String name = facts.arn() != null ? facts.arn() : ref.id();
            out.add(policy.refusal(facts, accountId)
                    .map(why -> new RemediationOutcome(name, action, Status.SKIPPED, why))
                    .orElse(new RemediationOutcome(name, action, Status.WOULD_DO, "offline run: planned, nothing was called")));
        });
        return out;
    }
}
