package io.trailhound.alarm;

/**
 * One notification found in what the function or the CLI was given: an alarm state change to investigate,
 * something that is not one (still forwarded as an "unreadable notification", named for what it is), or a
 * message Trailhound published itself. {@code id} is the SNS MessageId or event id when there is one.
 */
public sealed interface Delivery {
    String id();

    record Alarm(String id, AlarmNotification alarm) implements Delivery {}

    /** {@code subject} and {@code message} are what arrived, for the people reading the alert; either may be null. */
    record Unreadable(String id, String reason, String subject, String message) implements Delivery {}

    record Own(String id) implements Delivery {}

    /** Events a CloudWatch Logs subscription filter delivered: investigated like an alarm whose evidence is in hand. */
    record Batch(String id, LogBatch batch) implements Delivery {}

    /** CloudWatch Logs checking that a subscription's destination is reachable: nothing to report. */
    record Control(String id, String logGroup) implements Delivery {}
}
