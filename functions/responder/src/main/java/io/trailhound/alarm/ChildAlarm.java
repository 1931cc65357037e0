package io.trailhound.alarm;

import java.time.Instant;

/**
 * One child alarm as DescribeAlarms returns it. {@code alarm} is the child read as a metric alarm (its
 * metrics, StateReason with its datapoints, StateUpdatedTimestamp), null when the child is itself composite.
 */
public record ChildAlarm(String name, String state, Instant stateUpdated, AlarmNotification alarm) {
    public boolean isComposite() {
        return alarm == null;
    }
}
