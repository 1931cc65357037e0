package io.trailhound.enrich;

import io.trailhound.budget.Budget;
import io.trailhound.detect.ResourceRef;
import java.util.List;
import java.util.Map;

/** Adds what is known about the findings' resources. Never throws for AWS errors: they become unknowns. */
public interface Enricher {
    /** The unknown of a resource the enrichment's budget left no time for. */
    String NO_TIME = "not described: the enrichment's share of the time ran out";

    /** Begins the enrichment of one alarm; lookups started early stop when {@code budget} runs out. */
    Session start(Budget budget);

    /** One alarm's enrichment. */
    interface Session {
        /**
         * The evidence scan has just found this resource, so slow lookups for it may begin while the scan goes
         * on. Called from the scan's threads, once per matching event: it must be cheap and thread-safe.
         */
        void found(ResourceRef resource);

        /**
         * Facts for {@code resources}, in their order, within {@code stage}: resources it leaves no time for
         * are returned with the reason as an unknown.
         */
        Map<ResourceRef, ResourceFacts> describeAll(List<ResourceRef> resources, Budget stage);
    }
}
