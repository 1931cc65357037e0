package io.trailhound.alert;

import java.util.Map;

/**
 * Turns an alert into a subject ({@link AlertSubject}), a plain-text e-mail ({@link AlertText}) and a JSON
 * document ({@link AlertJson}) that fit in one message of its {@link MessageEnvelope} (SNS: 256 KB). The
 * whole message is budgeted: every list is capped with an "and N more" count and every string has a length
 * cap; if the message is still too large, fewer groups are shown, then tighter caps apply ({@link Limits}),
 * and as a last resort a minimal alert ({@link ReducedAlert}) is published. Whatever the input, the result
 * fits and both the text and the JSON are valid.
 */
public final class AlertRenderer {
    private final MessageEnvelope envelope;

    public AlertRenderer(MessageEnvelope envelope) {
        this.envelope = envelope;
    }

    public RenderedAlert render(Alert alert) {
        return render(alert, envelope.budget());
    }

    /** As {@link #render(Alert)} within {@code budget} bytes of message (tests use small budgets). */
    RenderedAlert render(Alert alert, int budget) {
        String subject = AlertSubject.of(alert);
        Map<String, String> attributes = envelope.attributes(alert);
        try {
            return fitted(alert, subject, attributes, budget);
        } catch (RuntimeException e) { // a value no one foresaw must not cost the alert
            return ReducedAlert.of(alert, subject, attributes);
        }
    }

    private RenderedAlert fitted(Alert alert, String subject, Map<String, String> attributes, int budget) {
        Limits limits = Limits.NORMAL;
        int shown = Math.min(Limits.MAX_GROUPS_SHOWN, alert.groups().size());
        while (true) {
            Shown s = Shown.of(alert, limits.showing(shown));
            RenderedAlert r = new RenderedAlert(subject, AlertText.of(s), AlertJson.of(s), attributes);
            if (envelope.bytes(r) <= budget) {
                return r;
            }
            if (shown > 1) {
                shown /= 2;
            } else if (limits == Limits.NORMAL) {
                limits = Limits.TIGHT;
                shown = Math.min(limits.groups(), alert.groups().size());
            } else {
                return ReducedAlert.of(alert, subject, attributes);
            }
        }
    }
}
