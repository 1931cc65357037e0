package io.trailhound.enrich;

import io.trailhound.detect.ResourceRef;
import java.util.List;
import java.util.Map;

/** Adds what is known about the findings' resources. Never throws for AWS errors: they become unknowns. */
public interface Enricher {
    /** Begins the enrichment of one alarm. */
    Session start();

    /** One alarm's enrichment. */
    interface Session {
        /**
         * The evidence scan has just found this resource, so slow lookups for it may begin while the scan goes
         * on. Called from the scan's threads, once per matching event: it must be cheap and thread-safe.
         */
        void found(ResourceRef resource);

        /** Facts for {@code resources}, in their order. */
        Map<ResourceRef, ResourceFacts> describeAll(List<ResourceRef> resources);
    }
}
