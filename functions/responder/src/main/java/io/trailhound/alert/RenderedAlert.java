package io.trailhound.alert;

import java.util.Map;

/** An alert ready to publish: subject, e-mail text, JSON document, and SNS message attributes. */
public record RenderedAlert(String subject, String text, String json, Map<String, String> attributes) {
    /** The attribute that marks a message as Trailhound's own, so it is never processed again. */
    public static final String ORIGIN_ATTRIBUTE = "trailhound.origin";
    /** How every JSON document Trailhound publishes begins: the other way its own messages are recognised. */
    public static final String JSON_PREFIX = "{\"source\":\"trailhound\"";

    public RenderedAlert {
        attributes = Map.copyOf(attributes);
    }
}
