package io.trailhound.alarm;

/** The SNS message is not a CloudWatch alarm notification we can act on; the message says why. */
public final class AlarmParseException extends RuntimeException {
    public AlarmParseException(String message) {
        super(message);
    }
}
