package io.trailhound.alert;

import java.util.Map;

/**
 * What carries a rendered alert to people (the SNS message, see {@code publish/SnsEnvelope}): how many of
 * its bytes an alert takes, how many it can carry, and the attributes sent along with it.
 */
public interface MessageEnvelope {
    /** The bytes {@code alert} takes in the message as sent. */
    int bytes(RenderedAlert alert);

    /** The most bytes a message may take. */
    int budget();

    /** The message attributes for {@code alert} (subscribers filter on them). */
    Map<String, String> attributes(Alert alert);

    /** Whether {@code alert} fits in one message. */
    default boolean fits(RenderedAlert alert) {
        return bytes(alert) <= budget();
    }
}
