package io.trailhound.enrich;

import io.trailhound.detect.ResourceRef;

/** Adds what is known about a finding's resource. Never throws for AWS errors: they become unknowns. */
public interface Enricher {
    ResourceFacts describe(ResourceRef resource);
}
