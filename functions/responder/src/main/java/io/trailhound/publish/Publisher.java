package io.trailhound.publish;

import io.trailhound.alert.RenderedAlert;

/** Delivers an alert. A failure here is the only one that fails an invocation (so Lambda retries). */
public interface Publisher {
    /** @return where it went, e.g. the SNS message ID */
    String publish(RenderedAlert alert);
}
