package io.trailhound.aws;

/**
 * Told when the pipeline starts on an alarm, so that what is kept per alarm (a member account's assumed-role
 * credentials, whose session is named after the alarm) starts afresh.
 */
public interface AlarmScope {
    void begin(String alarmName);

    /** Nothing is kept per alarm (offline, tests). */
    AlarmScope NONE = alarmName -> {};
}
