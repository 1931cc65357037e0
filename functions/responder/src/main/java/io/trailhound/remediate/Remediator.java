package io.trailhound.remediate;

import io.trailhound.detect.ResourceRef;
import io.trailhound.enrich.ResourceFacts;
import java.util.List;
import java.util.Map;

/** Decides, per resource, whether to cancel its deletion; every decision is returned for the alert. */
public interface Remediator {
    List<RemediationOutcome> remediate(Map<ResourceRef, ResourceFacts> resources);

    /** Remediation off: nothing is decided and nothing is reported. */
    Remediator OFF = resources -> List.of();
}
