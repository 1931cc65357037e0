package io.trailhound.alert;

import java.util.Map;

/** An alert ready to publish: subject, e-mail text, JSON document, and SNS message attributes. */
public record RenderedAlert(String subject, String text, String json, Map<String, String> attributes) {
    public RenderedAlert {
        attributes = Map.copyOf(attributes);
    }
}
