package io.trailhound.verify;

import io.trailhound.alarm.AlarmNotification;

/** Checks a notification against the service of record (CloudWatch); never throws for AWS errors. */
public interface AlarmVerifier {
    AlarmCheck check(AlarmNotification alarm);

    AlarmVerifier OFFLINE = alarm -> AlarmCheck.OFFLINE;
}
