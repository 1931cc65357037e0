package io.trailhound.publish;

import io.trailhound.alert.Alert;
import io.trailhound.alert.RenderedAlert;

/**
 * An optional output besides the alert topic (chat, Security Hub, EventBridge). Each is independent: a
 * failure is a note in the alert the others and the alert topic get, never a lost alert.
 */
public interface Output {
    /** How the alert names it in a note ("chat topic", "Security Hub", "EventBridge"). */
    String name();

    /** What it would send for this alert, as JSON (the CLI prints it when the output is not configured). */
    String document(Alert alert, RenderedAlert rendered);

    /** Sends it; returns where it went. Any exception is the output's failure. */
    String send(Alert alert, RenderedAlert rendered);
}
