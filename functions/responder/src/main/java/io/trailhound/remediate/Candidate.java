package io.trailhound.remediate;

import io.trailhound.detect.Finding;
import io.trailhound.detect.ResourceRef;
import io.trailhound.enrich.ResourceFacts;
import java.util.List;

/** A resource remediation may act on: what is known about it, and the records that triggered the alarm for it. */
public record Candidate(ResourceRef ref, ResourceFacts facts, List<Finding> triggers) {
    public Candidate {
        triggers = List.copyOf(triggers);
    }

    public String action() {
        return ref.type().remediation();
    }

    /** The name the alert shows: the service's ARN when known. */
    public String name() {
        return facts.arn() != null ? facts.arn() : ref.id();
    }
}
