package io.trailhound.remediate;

import io.trailhound.detect.ResourceRef;
import io.trailhound.enrich.ResourceFacts;
import java.util.List;
import java.util.Map;

/** Decides, per resource, whether to cancel its deletion; every decision is returned for the alert. */
public interface Remediator {
    /** @param accountId the account the alarm (and so the function) belongs to; other accounts are never touched */
    List<RemediationOutcome> remediate(Map<ResourceRef, ResourceFacts> resources, String accountId);

    /** Remediation off: nothing is decided and nothing is reported. */
    Remediator OFF = (resources, accountId) -> List.of();
}
