package io.trailhound.verify;

import io.trailhound.budget.Budget;
import io.trailhound.detect.Finding;

/** Looks a triggering record up in CloudTrail itself, within {@code budget}; never throws for AWS errors. */
public interface EventConfirmer {
    Confirmation confirm(Finding record, Budget budget);

    EventConfirmer OFFLINE = (record, budget) -> Confirmation.OFFLINE;
}
