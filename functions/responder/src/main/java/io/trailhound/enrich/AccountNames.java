package io.trailhound.enrich;

import io.trailhound.budget.Budget;
import java.util.Collection;
import java.util.Map;

/**
 * The names people know accounts by (their names in the organization), shown beside the account IDs of an
 * alert. A name is text the organization's administrators chose: the alert sanitises and caps it like any
 * other text it did not write ({@link #MAX_CHARS}).
 */
public interface AccountNames {
    /** What an alert shows of a name: Organizations allows 50 characters; a longer answer is cut. */
    int MAX_CHARS = 50;

    /**
     * The names known for {@code accounts} (an account without one is absent: the alert shows its ID alone).
     * Never throws; asks nothing once {@code budget} is spent.
     */
    Map<String, String> of(Collection<String> accounts, Budget budget);

    /** No names (offline, or without AWS): every account by its ID. */
    AccountNames NONE = (accounts, budget) -> Map.of();
}
