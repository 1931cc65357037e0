package io.trailhound.enrich;

import io.trailhound.budget.Budget;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

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

    /**
     * Why no account is named for the rest of this container (Organizations refused: no permission, not in an
     * organization), once that is known; empty while names can be asked for. Operators read it in the log.
     */
    default Optional<String> refusal() {
        return Optional.empty();
    }

    /** No names (offline, or without AWS): every account by its ID. */
    AccountNames NONE = (accounts, budget) -> Map.of();
}
