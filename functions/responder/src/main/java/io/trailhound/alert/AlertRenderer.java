package io.trailhound.alert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.detect.Caller;
import io.trailhound.detect.Detection;
import io.trailhound.detect.Finding;
import io.trailhound.detect.ResourceRef;
import io.trailhound.enrich.ResourceFacts;
import io.trailhound.enrich.ScheduleEvents;
import io.trailhound.enrich.Scheduling;
import io.trailhound.json.Json;
import io.trailhound.remediate.RemediationOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns an alert into an SNS subject (at most 100 printable ASCII characters naming the resource and
 * caller), a plain-text e-mail and a JSON document, within SNS's 256 KB message limit: if the whole
 * message would be larger, fewer groups are shown ("and N more").
 */
public final class AlertRenderer {
    public static final int SUBJECT_MAX = 100;
    /** SNS allows 262,144 bytes for message and attributes together; keep room for the attributes. */
    public static final int MESSAGE_BUDGET = 256 * 1024 - 8 * 1024;
    static final int MAX_GROUPS_SHOWN = 25;

    public RenderedAlert render(Alert alert) {
        String subject = subject(alert);
        Map<String, String> attributes = attributes(alert);
        int shown = Math.min(MAX_GROUPS_SHOWN, alert.groups().size());
        while (true) {
            RenderedAlert r = new RenderedAlert(subject, text(alert, shown), json(alert, shown), attributes);
            if (snsMessage(r).getBytes(StandardCharsets.UTF_8).length <= MESSAGE_BUDGET || shown == 0) {
                return r;
            }
            shown /= 2;
        }
    }

    /** The MessageStructure=json body: the text for people (default, e-mail), the document for machines. */
    public static String snsMessage(RenderedAlert r) {
        ObjectNode body = Json.object();
        body.put("default", r.text());
        body.put("email", r.text());
        body.put("sqs", r.json());
        body.put("lambda", r.json());
        body.put("https", r.json());
        return write(body);
    }

    static String subject(Alert alert) {
        String head = "Trailhound: ";
        if (alert.groups().isEmpty()) {
            return Sanitize.subject(head + alert.alarm().alarmName() + " in ALARM, no matching events found", SUBJECT_MAX);
        }
        FindingGroup g = alert.groups().get(0);
        Finding f = g.first();
        String what = switch (f.detection()) {
            case SECRET_MARKED_FOR_DELETION -> "secret " + shortId(f.resource()) + " (scheduled for deletion) used";
            case KMS_KEY_PENDING_DELETION -> "KMS key " + shortId(f.resource()) + " (pending deletion) used";
            case ROOT_USAGE -> "root account " + (f.root() != null && f.root().consoleSignIn() ? "console sign-in" : "used: " + f.eventName());
            case GENERIC -> f.eventName() + " matched " + alert.alarm().alarmName();
        };
        String more = alert.groups().size() > 1 ? " (+" + (alert.groups().size() - 1) + " more)" : "";
        String by = f.detection() == Detection.ROOT_USAGE ? " from " + f.sourceIp() : " by " + f.caller().shortName();
        String full = head + what + by + more;
        if (full.length() > SUBJECT_MAX) { // keep the caller and the count; shorten the resource
            int room = SUBJECT_MAX - (head.length() + by.length() + more.length() + 3);
            full = head + (room > 10 ? what.substring(0, Math.min(what.length(), room)) + "..." : what) + by + more;
        }
        return Sanitize.subject(full, SUBJECT_MAX);
    }

    private static String shortId(ResourceRef r) {
        if (r.id() == null) return "(unknown)";
        String id = r.id();
        int colon = id.lastIndexOf(":secret:");
        if (colon >= 0) id = id.substring(colon + 8);
        return ScheduleEvents.keyId(id);
    }

    static String text(Alert alert, int shown) {
        StringBuilder t = new StringBuilder();
        var a = alert.alarm();
        Detection d = alert.headline();
        t.append("Trailhound alert: ").append(alert.groups().isEmpty() ? "alarm fired, no matching events found" : d.title)
                .append(" (severity ").append(alert.severity()).append(")\n\n");
        line(t, "Alarm", clean(a.alarmName()) + " went " + nvl(clean(a.oldState())) + " -> " + clean(a.newState())
                + (a.stateChangeTime() != null ? " at " + a.stateChangeTime() : ""));
        line(t, "Account/region", nvl(clean(a.accountId())) + " / " + nvl(clean(a.region())));
        line(t, "Window searched", alert.window().start() + " .. " + alert.window().end() + " (" + alert.window().note() + ")");
        line(t, "Evidence", alert.matchedEvents() + " matching event(s) of " + alert.scannedEvents() + " scanned, in "
                + alert.groups().size() + " group(s)" + (alert.partial() ? " - PARTIAL: the search did not finish" : ""));
        int n = 0;
        for (FindingGroup g : alert.groups()) {
            if (n == shown) break;
            n++;
            Finding f = g.first();
            t.append("\nFinding ").append(n).append(": ").append(f.detection().title).append('\n');
            if (f.resource().type() != ResourceRef.Type.NONE) {
                ResourceFacts facts = alert.facts().get(f.resource());
                line(t, "  Resource", clean(facts != null && facts.arn() != null ? facts.arn() : f.resource().id()));
                line(t, "  Region", clean(f.resource().region()));
                if (facts != null) facts(t, facts, alert.generatedAt());
            }
            line(t, "  Caller", clean(f.caller().display()) + " [" + f.caller().kind() + "]");
            line(t, "  Source IP", clean(f.sourceIp()));
            line(t, "  API", clean(f.eventSource() + " " + f.eventName())
                    + (f.errorCode() != null ? " -> " + clean(f.errorCode()) : ""));
            if (f.errorMessage() != null) line(t, "  Error message", clean(f.errorMessage()));
            if (!f.resources().isEmpty()) line(t, "  Resources", clean(String.join(", ", f.resources())));
            if (f.root() != null) {
                line(t, "  Root details", (f.root().consoleSignIn() ? "console sign-in" : "API call") + ", MFA used: "
                        + nvl(clean(f.root().mfaUsed())) + (f.root().longTermAccessKey()
                        ? ", LONG-TERM ROOT ACCESS KEY " + clean(f.caller().accessKeyId()) : ""));
            }
            line(t, "  Count", g.count() + " (first " + g.firstSeen() + ", last " + g.lastSeen() + ")");
            line(t, "  Event IDs", clean(String.join(", ", g.exampleEventIds())) + (g.count() > g.exampleEventIds().size()
                    ? " and " + (g.count() - g.exampleEventIds().size()) + " more" : ""));
            line(t, "  User agent", clean(f.userAgent()));
            if (f.claimsToBeTrailhound()) {
                line(t, "  Warning", "the call claims to be Trailhound (user agent), but the caller is not Trailhound's own identity");
            }
            line(t, "  Found in", clean(f.origin()) + " (the first event)");
        }
        if (alert.groups().size() > shown) {
            t.append("\n... and ").append(alert.groups().size() - shown).append(" more group(s), listed in the JSON document.\n");
        }
        if (alert.ungroupedEvents() > 0) {
            t.append("\n").append(alert.ungroupedEvents()).append(" further matching event(s) were counted but not grouped.\n");
        }
        if (!alert.remediation().isEmpty()) {
            t.append("\nRemediation:\n");
            for (RemediationOutcome r : alert.remediation()) {
                t.append("  ").append(r.status()).append(' ').append(r.action()).append(' ').append(clean(r.resource()))
                        .append(r.detail() == null ? "" : ": " + clean(r.detail())).append('\n');
            }
        }
        if (!alert.notes().isEmpty()) {
            t.append("\nNotes:\n");
            alert.notes().forEach(note -> t.append("  - ").append(clean(note)).append('\n'));
        }
        return t.toString();
    }

    private static void facts(StringBuilder t, ResourceFacts facts, Instant now) {
        if (facts.name() != null) line(t, "  Name", clean(facts.name()));
        if (facts.state() != null) line(t, "  State", clean(facts.state()));
        Instant deletion = facts.effectiveDeletionDate();
        if (deletion != null) {
            line(t, "  Deletion date", deletion + " (" + facts.daysLeft(now) + " day(s) left)");
        }
        if (!facts.aliases().isEmpty()) line(t, "  Aliases", clean(String.join(", ", facts.aliases())));
        if (facts.description() != null && !facts.description().isEmpty()) line(t, "  Description", clean(facts.description()));
        Scheduling s = facts.scheduling();
        if (s != null) {
            line(t, "  Scheduled by", clean(s.by().display()) + " at " + s.at() + " from " + clean(s.sourceIp())
                    + (s.windowDays() != null ? " (window " + s.windowDays() + " days)" : ""));
        }
        facts.unknowns().forEach(u -> line(t, "  Unknown", clean(u)));
    }

    static String json(Alert alert, int shown) {
        ObjectNode doc = Json.object();
        doc.put("source", "trailhound");
        doc.put("version", 1);
        doc.put("detection", alert.headline().name());
        doc.put("severity", alert.severity());
        doc.put("generatedAt", alert.generatedAt().toString());
        var a = alert.alarm();
        ObjectNode alarm = doc.putObject("alarm");
        alarm.put("name", a.alarmName());
        alarm.put("arn", a.alarmArn());
        alarm.put("account", a.accountId());
        alarm.put("region", a.region());
        alarm.put("state", a.newState());
        alarm.put("stateChangeTime", a.stateChangeTime() == null ? null : a.stateChangeTime().toString());
        ObjectNode window = doc.putObject("window");
        window.put("start", alert.window().start().toString());
        window.put("end", alert.window().end().toString());
        window.put("fromDatapoints", alert.window().fromDatapoints());
        window.put("note", alert.window().note());
        ObjectNode counts = doc.putObject("counts");
        counts.put("matched", alert.matchedEvents());
        counts.put("scanned", alert.scannedEvents());
        counts.put("groups", alert.groups().size());
        counts.put("groupsShown", Math.min(shown, alert.groups().size()));
        counts.put("ungrouped", alert.ungroupedEvents());
        doc.put("partial", alert.partial());
        ArrayNode findings = doc.putArray("findings");
        alert.groups().stream().limit(shown).forEach(g -> findings.add(finding(g, alert)));
        counts.put("groupsListed", listGroups(doc.putArray("groups"), alert.groups()));
        ArrayNode remediation = doc.putArray("remediation");
        for (RemediationOutcome r : alert.remediation()) {
            remediation.addObject().put("resource", r.resource()).put("action", r.action()).put("status", r.status().name())
                    .put("detail", r.detail());
        }
        ArrayNode notes = doc.putArray("notes");
        alert.notes().forEach(notes::add);
        return write(doc);
    }

    /** Room for the compact list of every group (its strings are capped, so each entry is small). */
    static final int GROUP_LIST_BUDGET = 32 * 1024;

    /** Every group, one compact entry each, in rank order, as far as {@link #GROUP_LIST_BUDGET} allows; returns how many. */
    private static int listGroups(ArrayNode list, java.util.List<FindingGroup> groups) {
        int bytes = 0;
        int listed = 0;
        for (FindingGroup g : groups) {
            Finding f = g.first();
            ObjectNode o = Json.object();
            o.put("detection", f.detection().name());
            if (f.resource().type() != ResourceRef.Type.NONE) {
                o.put("resource", f.resource().id());
                o.put("region", f.resource().region());
            }
            o.put("caller", f.caller().principal());
            o.put("sourceIPAddress", f.sourceIp());
            o.put("eventSource", f.eventSource());
            o.put("eventName", f.eventName());
            o.put("count", g.count());
            o.put("firstSeen", str(g.firstSeen()));
            o.put("origin", f.origin());
            bytes += write(o).length();
            if (bytes > GROUP_LIST_BUDGET) break;
            list.add(o);
            listed++;
        }
        return listed;
    }

    private static ObjectNode finding(FindingGroup g, Alert alert) {
        Finding f = g.first();
        ObjectNode o = Json.object();
        o.put("detection", f.detection().name());
        o.put("count", g.count());
        o.put("firstSeen", str(g.firstSeen()));
        o.put("lastSeen", str(g.lastSeen()));
        ArrayNode ids = o.putArray("exampleEventIds");
        g.exampleEventIds().forEach(ids::add);
        o.put("eventSource", f.eventSource());
        o.put("eventName", f.eventName());
        o.put("errorCode", f.errorCode());
        o.put("errorMessage", f.errorMessage());
        o.put("sourceIPAddress", f.sourceIp());
        o.put("userAgent", f.userAgent());
        o.put("claimsToBeTrailhound", f.claimsToBeTrailhound());
        o.put("origin", f.origin());
        ArrayNode resources = o.putArray("resources");
        f.resources().forEach(resources::add);
        o.set("caller", caller(f.caller()));
        if (f.root() != null) {
            o.putObject("root").put("consoleSignIn", f.root().consoleSignIn()).put("mfaUsed", f.root().mfaUsed())
                    .put("longTermAccessKey", f.root().longTermAccessKey());
        }
        if (f.resource().type() != ResourceRef.Type.NONE) {
            ObjectNode r = o.putObject("resource");
            r.put("type", f.resource().type().name());
            r.put("id", f.resource().id());
            r.put("region", f.resource().region());
            ResourceFacts facts = alert.facts().get(f.resource());
            if (facts != null) {
                r.put("arn", facts.arn());
                r.put("name", facts.name());
                r.put("state", facts.state());
                r.put("deletionDate", str(facts.effectiveDeletionDate()));
                Long days = facts.daysLeft(alert.generatedAt());
                if (days == null) r.putNull("daysLeft"); else r.put("daysLeft", days);
                r.put("description", facts.description());
                ArrayNode aliases = r.putArray("aliases");
                facts.aliases().forEach(aliases::add);
                ObjectNode tags = r.putObject("tags");
                facts.tags().forEach(tags::put);
                Scheduling s = facts.scheduling();
                if (s != null) {
                    ObjectNode sched = r.putObject("scheduledBy");
                    sched.set("caller", caller(s.by()));
                    sched.put("at", str(s.at()));
                    sched.put("sourceIPAddress", s.sourceIp());
                    sched.put("eventId", s.eventId());
                    if (s.windowDays() != null) sched.put("windowDays", s.windowDays());
                }
                ArrayNode unknown = r.putArray("unknown");
                facts.unknowns().forEach(unknown::add);
            }
        }
        return o;
    }

    private static ObjectNode caller(Caller c) {
        ObjectNode o = Json.object();
        o.put("type", c.kind());
        o.put("principal", c.principal());
        o.put("sessionName", c.sessionName());
        o.put("accountId", c.accountId());
        o.put("accessKeyId", c.accessKeyId());
        o.put("invokedBy", c.invokedBy());
        return o;
    }

    static Map<String, String> attributes(Alert alert) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("detection", alert.headline().name());
        attrs.put("severity", alert.severity());
        if (alert.alarm().accountId() != null) attrs.put("account", Sanitize.subject(alert.alarm().accountId(), 64));
        if (alert.alarm().region() != null) attrs.put("region", Sanitize.subject(alert.alarm().region(), 64));
        attrs.put(RenderedAlert.ORIGIN_ATTRIBUTE, "trailhound");
        return attrs;
    }

    private static void line(StringBuilder t, String label, String value) {
        t.append(label).append(':').append(" ".repeat(Math.max(1, 18 - label.length()))).append(value == null ? "unknown" : value).append('\n');
    }

    private static String clean(String s) {
        return Sanitize.text(s);
    }

    private static String nvl(String s) {
        return s == null ? "unknown" : s;
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }

    private static String write(ObjectNode node) {
        return Json.write(node);
    }
}
