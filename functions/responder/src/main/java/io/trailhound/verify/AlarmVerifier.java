package io.trailhound.verify;

import io.trailhound.alarm.AlarmNotification;
import io.trailhound.budget.Budget;

/** Checks a notification against the service of record (CloudWatch), within {@code budget}; never throws for AWS errors. */
public interface AlarmVerifier {
    AlarmCheck check(AlarmNotification alarm, Budget budget);

    AlarmVerifier OFFLINE = (alarm, budget) -> AlarmCheck.OFFLINE;
}
