package io.trailhound.alert;

import static io.trailhound.alert.AlertJson.cap;
import static io.trailhound.alert.AlertText.line;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.detect.Finding;
import io.trailhound.json.Json;
import java.util.Map;

/**
 * The last resort when nothing else fits, small whatever the input: subject, alarm, counts, what
 * remediation did and the first finding, tightly capped, in both the text and the JSON document.
 */
final class ReducedAlert {
    private ReducedAlert() {}

    static RenderedAlert of(Alert alert, String subject, Map<String, String> attributes) {
        var a = alert.alarm();
        StringBuilder t =
                new StringBuilder("Trailhound alert (reduced: the full alert did not fit in an SNS message)\n\n");
        line(
                t,
                "Alarm",
                cap(Sanitize.text(a.alarmName(), 200), 220) + " -> " + cap(Sanitize.text(a.newState(), 20), 40));
        line(t, "Evidence", AlertText.evidence(alert));
        line(t, "Notification", cap(AlertText.notification(alert.notification()), 400));
        String remediation = AlertText.remediationSummary(alert);
        line(t, "Remediation", alert.remediation().size() + " decision(s): " + remediation);
        ObjectNode doc = Json.object();
        doc.put("source", "trailhound");
        doc.put("version", 1);
        doc.put("reduced", true);
        doc.put("detection", alert.headline().name());
        doc.put("severity", alert.severity());
        doc.putObject("alarm")
                .put("name", cap(a.alarmName(), 200))
                .put("account", cap(a.accountId(), 20))
                .put("region", cap(a.region(), 30));
        doc.putObject("counts")
                .put("matched", alert.matchedEvents())
                .put("scanned", alert.scannedEvents())
                .put("groups", alert.groups().size())
                .put("ungrouped", alert.ungroupedEvents())
                .put("remediation", alert.remediation().size())
                .put("notes", alert.notes().size());
        doc.put("partial", alert.partial());
        doc.putObject("notification")
                .put("status", alert.notification().status().name())
                .put("detail", cap(alert.notification().detail(), 400));
        doc.put("remediationSummary", remediation);
        if (!alert.groups().isEmpty()) {
            Finding f = alert.groups().get(0).first();
            String first = f.detection().title + ": " + cap(f.resource().id(), 160) + " by "
                    + cap(f.caller().principal(), 160) + " from " + cap(f.sourceIp(), 60) + " ("
                    + cap(f.eventName(), 60) + ", " + alert.groups().get(0).count() + " event(s))";
            line(t, "First finding", Sanitize.text(first, 600));
            doc.put("firstFinding", first);
        }
        return new RenderedAlert(subject, t.toString(), Json.write(doc), attributes);
    }
}
