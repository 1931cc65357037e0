package io.trailhound.alarm;

/**
 * How Trailhound marks what it publishes, so that {@link AlarmReader} never reads one of its own messages as
 * an alarm (no loops): every alert carries the attribute, and every JSON document begins with the prefix.
 */
public final class OwnMessage {
    /** The message attribute on every alert Trailhound publishes. */
    public static final String ORIGIN_ATTRIBUTE = "trailhound.origin";

    /** How every JSON document Trailhound publishes begins. */
    public static final String JSON_PREFIX = "{\"source\":\"trailhound\"";

    private OwnMessage() {}
}
