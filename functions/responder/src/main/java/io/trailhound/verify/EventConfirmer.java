package io.trailhound.verify;

import io.trailhound.detect.Finding;

/** Looks a triggering record up in CloudTrail itself; never throws for AWS errors. */
public interface EventConfirmer {
    Confirmation confirm(Finding record);

    EventConfirmer OFFLINE = record -> Confirmation.OFFLINE;
}
