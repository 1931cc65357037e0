package io.trailhound.enrich;

import io.trailhound.detect.ResourceRef;
import java.util.List;
import java.util.Map;

/**
 * Adds what is known about the findings' resources, in their order. Never throws for AWS errors: they
 * become unknowns.
 */
public interface Enricher {
    Map<ResourceRef, ResourceFacts> describeAll(List<ResourceRef> resources);
}
