package io.trailhound.alert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.alarm.ChildStatus;
import io.trailhound.detect.Caller;
import io.trailhound.detect.Detection;
import io.trailhound.detect.Finding;
import io.trailhound.detect.ResourceType;
import io.trailhound.enrich.ResourceFacts;
import io.trailhound.enrich.Scheduling;
import io.trailhound.json.Json;
import io.trailhound.remediate.RemediationOutcome;
import io.trailhound.verify.AlarmCheck;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an alert into an SNS subject (at most 100 printable ASCII characters naming the resource and
 * caller), a plain-text e-mail and a JSON document, within SNS's 256 KB message limit. The whole message is
 * budgeted: every list is capped with an "and N more" count and every string has a length cap; if the
 * message is still too large, fewer groups are shown, then tighter caps apply, and as a last resort a
 * minimal alert (subject, alarm, counts, the first finding) is published. Whatever the input, the result
 * fits and both the text and the JSON are valid.
 */
public final class AlertRenderer {
    public static final int SUBJECT_MAX = 100;
    /** SNS allows 262,144 bytes for message and attributes together; keep room for the attributes. */
    public static final int MESSAGE_BUDGET = 256 * 1024 - 8 * 1024;

    static final int MAX_GROUPS_SHOWN = 25;

    /**
     * How much of the alert is shown: groups, items per list (notes, remediation, unknowns, aliases, tags,
     * resources) and characters per string. Each step down is tried only if the previous did not fit.
     */
    record Limits(int groups, int items, int chars) {
        static final Limits NORMAL = new Limits(MAX_GROUPS_SHOWN, 50, Sanitize.DEFAULT_MAX);
        static final Limits TIGHT = new Limits(3, 10, 160);
    }

    public RenderedAlert render(Alert alert) {
        return render(alert, MESSAGE_BUDGET);
    }

    /** As {@link #render(Alert)} within {@code budget} bytes of SNS message (tests use small budgets). */
    RenderedAlert render(Alert alert, int budget) {
        String subject = subject(alert);
        Map<String, String> attributes = attributes(alert);
        try {
            return fitted(alert, subject, attributes, budget);
        } catch (RuntimeException e) { // a value no one foresaw must not cost the alert
            return minimal(alert, subject, attributes);
        }
    }

    private RenderedAlert fitted(Alert alert, String subject, Map<String, String> attributes, int budget) {
        Limits limits = Limits.NORMAL;
        int shown = Math.min(MAX_GROUPS_SHOWN, alert.groups().size());
        while (true) {
            Limits l = new Limits(shown, limits.items(), limits.chars());
            RenderedAlert r = new RenderedAlert(subject, text(alert, l), json(alert, l), attributes);
            if (size(r) <= budget) {
                return r;
            }
            if (shown > 1) {
                shown /= 2;
            } else if (limits == Limits.NORMAL) {
                limits = Limits.TIGHT;
                shown = Math.min(limits.groups(), alert.groups().size());
            } else {
                return minimal(alert, subject, attributes);
            }
        }
    }

    /** The bytes SNS counts: the MessageStructure=json body as sent. */
    public static int size(RenderedAlert r) {
        return snsMessage(r).getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * The MessageStructure=json body. SNS sends a protocol's own key when present, else "default"; so the
     * JSON document is the default (SQS, Lambda, HTTP/S, Firehose, e-mail-json) and only e-mail gets the
     * text: each is carried once, and together they share the 256 KB.
     */
    public static String snsMessage(RenderedAlert r) {
        ObjectNode body = Json.object();
        body.put("default", r.json());
        body.put("email", r.text());
        return write(body);
    }

    /** The last resort, small whatever the input: subject, alarm, counts and the first finding, tightly capped. */
    static RenderedAlert minimal(Alert alert, String subject, Map<String, String> attributes) {
        var a = alert.alarm();
        StringBuilder t =
                new StringBuilder("Trailhound alert (reduced: the full alert did not fit in an SNS message)\n\n");
        line(
                t,
                "Alarm",
                cap(Sanitize.text(a.alarmName(), 200), 220) + " -> " + cap(Sanitize.text(a.newState(), 20), 40));
        line(
                t,
                "Evidence",
                alert.matchedEvents() + " matching event(s) of " + alert.scannedEvents() + " scanned, in "
                        + alert.groups().size() + " group(s)"
                        + (alert.partial() ? " - PARTIAL: the search did not finish" : ""));
        line(t, "Notification", cap(notification(alert.notification()), 400));
        line(t, "Remediation", alert.remediation().size() + " decision(s): " + remediationSummary(alert));
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
        doc.put("remediationSummary", remediationSummary(alert));
        if (!alert.groups().isEmpty()) {
            Finding f = alert.groups().get(0).first();
            String first = f.detection().title + ": " + cap(f.resource().id(), 160) + " by "
                    + cap(f.caller().principal(), 160) + " from " + cap(f.sourceIp(), 60) + " ("
                    + cap(f.eventName(), 60) + ", " + alert.groups().get(0).count() + " event(s))";
            line(t, "First finding", Sanitize.text(first, 600));
            doc.put("firstFinding", first);
        }
        return new RenderedAlert(subject, t.toString(), write(doc), attributes);
    }

    /** "DONE 2, SKIPPED 3": what remediation did, so even a reduced alert tells that something was changed. */
    private static String remediationSummary(Alert alert) {
        Map<RemediationOutcome.Status, Integer> counts = new java.util.EnumMap<>(RemediationOutcome.Status.class);
        alert.remediation().forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        StringBuilder out = new StringBuilder();
        counts.forEach((status, n) ->
                out.append(out.isEmpty() ? "" : ", ").append(status).append(' ').append(n));
        return out.isEmpty() ? "none" : out.toString();
    }

    /** What CloudWatch said about the notification, as the e-mail's second line says it. */
    private static String notification(AlarmCheck check) {
        return switch (check.status()) {
            case VERIFIED -> "verified with CloudWatch: " + clean(check.detail(), 300);
            case UNVERIFIED -> "UNVERIFIED NOTIFICATION: " + clean(check.detail(), 300) + "; nothing is acted on";
            case NOT_CHECKED -> clean(check.detail(), 300);
        };
    }

    static String subject(Alert alert) {
        String head = alert.notification().unverified() ? "Trailhound: [unverified] " : "Trailhound: ";
        if (alert.groups().isEmpty()) {
            String tail = alert.partial()
                    ? " in ALARM, search incomplete, no matching events found so far"
                    : " in ALARM, no matching events found";
            String name = Sanitize.subject(
                    String.valueOf(alert.alarm().alarmName()), SUBJECT_MAX - head.length() - tail.length());
            return Sanitize.subject(head + name + tail, SUBJECT_MAX);
        }
        if (alert.partial()) { // the search did not finish: say so first, the rest is what was found
            head = "Trailhound (search incomplete): ";
        }
        FindingGroup g = alert.groups().get(0);
        Finding f = g.first();
        String what = switch (f.detection()) {
            case SECRET_MARKED_FOR_DELETION, KMS_KEY_PENDING_DELETION ->
                f.resource().type().inSubject(f.resource().id()) + " used";
            case ROOT_USAGE ->
                "root account "
                        + (f.root() != null && f.root().consoleSignIn() ? "console sign-in" : "used: " + f.eventName());
            case GENERIC -> f.eventName() + " matched " + alert.alarm().alarmName();
        };
        String more = alert.groups().size() > 1 ? " (+" + (alert.groups().size() - 1) + " more)" : "";
        String by = f.detection() == Detection.ROOT_USAGE
                ? " from " + f.sourceIp()
                : " by " + f.caller().shortName();
        String full = head + what + by + more;
        if (full.length() > SUBJECT_MAX) { // keep the caller and the count; shorten the resource
            int room = SUBJECT_MAX - (head.length() + by.length() + more.length() + 3);
            full = head + (room > 10 ? what.substring(0, Math.min(what.length(), room)) + "..." : what) + by + more;
        }
        return Sanitize.subject(full, SUBJECT_MAX);
    }

    static String text(Alert alert, Limits l) {
        StringBuilder t = new StringBuilder();
        var a = alert.alarm();
        Detection d = alert.headline();
        int c = l.chars();
        t.append("Trailhound alert: ")
                .append(alert.groups().isEmpty() ? "alarm fired, no matching events found" : d.title)
                .append(" (severity ")
                .append(alert.severity())
                .append(")\n\n");
        line(
                t,
                "Alarm",
                clean(a.alarmName(), c) + " went " + clean(nvl(a.oldState()), 40) + " -> " + clean(a.newState(), 40)
                        + (a.stateChangeTime() != null ? " at " + a.stateChangeTime() : ""));
        line(t, "Notification", notification(alert.notification()));
        line(t, "Account/region", clean(nvl(a.accountId()), 40) + " / " + clean(nvl(a.region()), 40));
        if (a.isComposite()) {
            line(t, "Composite rule", clean(a.composite().rule(), c));
            for (ChildStatus child : alert.children()) {
                line(
                        t,
                        "  Child",
                        clean(child.name(), c) + " " + clean(nvl(child.state()), 40)
                                + (a.composite().triggeringChildren().contains(child.name()) ? " (fired)" : "")
                                + (child.detail() == null ? "" : ": " + clean(child.detail(), c)));
            }
        }
        line(
                t,
                "Window searched",
                alert.window().start() + " .. " + alert.window().end() + " ("
                        + clean(alert.window().note(), c) + ")");
        line(
                t,
                "Evidence",
                alert.matchedEvents() + " matching event(s) of " + alert.scannedEvents() + " scanned, in "
                        + alert.groups().size() + " group(s)"
                        + (alert.partial() ? " - PARTIAL: the search did not finish" : ""));
        if (!alert.notFullyRead().isEmpty()) {
            line(
                    t,
                    "Not fully read",
                    clean(String.join(", ", first(alert.notFullyRead(), l.items())), c * 4)
                            + andMore(alert.notFullyRead().size(), l.items()));
        }
        int n = 0;
        for (FindingGroup g : alert.groups()) {
            if (n == l.groups()) break;
            n++;
            Finding f = g.first();
            t.append("\nFinding ")
                    .append(n)
                    .append(": ")
                    .append(f.detection().title)
                    .append('\n');
            if (f.resource().type() != ResourceType.NONE) {
                ResourceFacts facts = alert.facts().get(f.resource());
                line(
                        t,
                        "  Resource",
                        clean(
                                facts != null && facts.arn() != null
                                        ? facts.arn()
                                        : f.resource().id(),
                                c));
                line(t, "  Region", clean(f.resource().region(), 40));
                if (facts != null) facts(t, facts, alert.generatedAt(), l);
            }
            line(
                    t,
                    "  Caller",
                    clean(f.caller().display(), c) + " [" + clean(f.caller().kind(), 40) + "]");
            line(t, "  Source IP", clean(f.sourceIp(), c));
            line(
                    t,
                    "  API",
                    clean(f.eventSource() + " " + f.eventName(), c)
                            + (f.errorCode() != null ? " -> " + clean(f.errorCode(), c) : ""));
            if (f.errorMessage() != null) line(t, "  Error message", clean(f.errorMessage(), c));
            if (!f.resources().isEmpty()) line(t, "  Resources", clean(String.join(", ", f.resources()), c));
            if (f.root() != null) {
                line(
                        t,
                        "  Root details",
                        (f.root().consoleSignIn() ? "console sign-in" : "API call") + ", MFA used: "
                                + nvl(clean(f.root().mfaUsed(), 40))
                                + (f.root().longTermAccessKey()
                                        ? ", LONG-TERM ROOT ACCESS KEY "
                                                + clean(f.caller().accessKeyId(), 40)
                                        : ""));
            }
            line(t, "  Count", g.count() + " (first " + g.firstSeen() + ", last " + g.lastSeen() + ")");
            line(
                    t,
                    "  Event IDs",
                    clean(String.join(", ", g.exampleEventIds()), c)
                            + (g.count() > g.exampleEventIds().size()
                                    ? " and " + (g.count() - g.exampleEventIds().size()) + " more"
                                    : ""));
            line(t, "  User agent", clean(f.userAgent(), c));
            if (f.claimsToBeTrailhound()) {
                line(
                        t,
                        "  Warning",
                        "the call claims to be Trailhound (user agent), but the caller is not Trailhound's own identity");
            }
            line(t, "  Found in", clean(f.origin(), c) + " (the first event)");
        }
        if (alert.groups().size() > n) {
            t.append("\n... and ")
                    .append(alert.groups().size() - n)
                    .append(" more group(s), listed in the JSON document.\n");
        }
        if (alert.ungroupedEvents() > 0) {
            t.append("\n")
                    .append(alert.ungroupedEvents())
                    .append(" further matching event(s) were counted but not grouped.\n");
        }
        if (!alert.remediation().isEmpty()) {
            t.append("\nRemediation (").append(remediationSummary(alert)).append("):\n");
            for (RemediationOutcome r : first(alert.remediation(), l.items())) {
                t.append("  ")
                        .append(r.status())
                        .append(' ')
                        .append(r.action())
                        .append(' ')
                        .append(clean(r.resource(), c))
                        .append(r.detail() == null ? "" : ": " + clean(r.detail(), c))
                        .append('\n');
            }
            more(t, alert.remediation().size(), l.items(), "decision(s)");
        }
        if (!alert.notes().isEmpty()) {
            t.append("\nNotes:\n");
            first(alert.notes(), l.items())
                    .forEach(note -> t.append("  - ").append(clean(note, c)).append('\n'));
            more(t, alert.notes().size(), l.items(), "note(s)");
        }
        return t.toString();
    }

    private static void facts(StringBuilder t, ResourceFacts facts, Instant now, Limits l) {
        int c = l.chars();
        if (facts.name() != null) line(t, "  Name", clean(facts.name(), c));
        if (facts.state() != null) line(t, "  State", clean(facts.state(), c));
        Instant deletion = facts.effectiveDeletionDate();
        if (deletion != null) {
            line(t, "  Deletion date", deletion + " (" + facts.daysLeft(now) + " day(s) left)");
        }
        if (!facts.aliases().isEmpty()) {
            line(
                    t,
                    "  Aliases",
                    clean(String.join(", ", first(facts.aliases(), l.items())), c)
                            + andMore(facts.aliases().size(), l.items()));
        }
        if (facts.description() != null && !facts.description().isEmpty())
            line(t, "  Description", clean(facts.description(), c));
        Scheduling s = facts.scheduling();
        if (s != null) {
            line(
                    t,
                    "  Scheduled by",
                    clean(s.by().display(), c) + " at " + s.at() + " from " + clean(s.sourceIp(), c)
                            + (s.windowDays() != null ? " (window " + s.windowDays() + " days)" : ""));
        }
        first(facts.unknowns(), l.items()).forEach(u -> line(t, "  Unknown", clean(u, c)));
        if (facts.unknowns().size() > l.items())
            line(t, "  Unknown", "and " + (facts.unknowns().size() - l.items()) + " more");
    }

    static String json(Alert alert, Limits l) {
        int c = l.chars();
        ObjectNode doc = Json.object();
        doc.put("source", "trailhound");
        doc.put("version", 1);
        doc.put("detection", alert.headline().name());
        doc.put("severity", alert.severity());
        doc.put("generatedAt", alert.generatedAt().toString());
        var a = alert.alarm();
        ObjectNode alarm = doc.putObject("alarm");
        alarm.put("name", cap(a.alarmName(), c));
        alarm.put("arn", cap(a.alarmArn(), c));
        alarm.put("account", cap(a.accountId(), 40));
        alarm.put("region", cap(a.region(), 40));
        alarm.put("state", cap(a.newState(), 40));
        alarm.put(
                "stateChangeTime",
                a.stateChangeTime() == null ? null : a.stateChangeTime().toString());
        doc.putObject("notification")
                .put("status", alert.notification().status().name())
                .put("detail", cap(alert.notification().detail(), c));
        alarm.put("previousState", cap(a.oldState(), 40));
        ArrayNode metrics = alarm.putArray("metrics");
        a.metrics()
                .forEach(m -> metrics.addObject()
                        .put("namespace", cap(m.namespace(), c))
                        .put("name", cap(m.metricName(), c))
                        .put("period", m.periodSeconds()));
        if (a.isComposite()) {
            ObjectNode composite = alarm.putObject("composite");
            composite.put("rule", cap(a.composite().rule(), c));
            ArrayNode triggering = composite.putArray("triggeringChildren");
            a.composite().triggeringChildren().forEach(name -> triggering.add(cap(name, c)));
            ArrayNode children = composite.putArray("children");
            alert.children()
                    .forEach(child -> children.addObject()
                            .put("name", cap(child.name(), c))
                            .put("state", cap(child.state(), 40))
                            .put("investigated", child.investigated())
                            .put("detail", cap(child.detail(), c)));
        }
        ObjectNode window = doc.putObject("window");
        window.put("start", alert.window().start().toString());
        window.put("end", alert.window().end().toString());
        window.put("fromDatapoints", alert.window().fromDatapoints());
        window.put("note", cap(alert.window().note(), c));
        ObjectNode counts = doc.putObject("counts");
        counts.put("matched", alert.matchedEvents());
        counts.put("scanned", alert.scannedEvents());
        counts.put("groups", alert.groups().size());
        counts.put("groupsShown", Math.min(l.groups(), alert.groups().size()));
        counts.put("ungrouped", alert.ungroupedEvents());
        counts.put("remediation", alert.remediation().size());
        counts.put("notes", alert.notes().size());
        doc.put("partial", alert.partial());
        ArrayNode unread = doc.putArray("notFullyRead");
        first(alert.notFullyRead(), l.items()).forEach(g -> unread.add(cap(g, c)));
        counts.put("notFullyRead", alert.notFullyRead().size());
        ArrayNode findings = doc.putArray("findings");
        alert.groups().stream().limit(l.groups()).forEach(g -> findings.add(finding(g, alert, l)));
        counts.put("groupsListed", listGroups(doc.putArray("groups"), alert.groups(), c));
        ArrayNode remediation = doc.putArray("remediation");
        for (RemediationOutcome r : first(alert.remediation(), l.items())) {
            remediation
                    .addObject()
                    .put("resource", cap(r.resource(), c))
                    .put("action", r.action())
                    .put("status", r.status().name())
                    .put("detail", cap(r.detail(), c));
        }
        ArrayNode notes = doc.putArray("notes");
        first(alert.notes(), l.items()).forEach(note -> notes.add(cap(note, c)));
        return write(doc);
    }

    /** Room for the compact list of every group (its strings are capped, so each entry is small). */
    static final int GROUP_LIST_BUDGET = 32 * 1024;

    /** Every group, one compact entry each, in rank order, as far as {@link #GROUP_LIST_BUDGET} allows; returns how many. */
    private static int listGroups(ArrayNode list, List<FindingGroup> groups, int c) {
        int bytes = 0;
        int listed = 0;
        for (FindingGroup g : groups) {
            Finding f = g.first();
            ObjectNode o = Json.object();
            o.put("detection", f.detection().name());
            if (f.resource().type() != ResourceType.NONE) {
                o.put("resource", cap(f.resource().id(), c));
                o.put("region", cap(f.resource().region(), 40));
            }
            o.put("caller", cap(f.caller().principal(), c));
            o.put("sourceIPAddress", cap(f.sourceIp(), c));
            o.put("eventSource", cap(f.eventSource(), c));
            o.put("eventName", cap(f.eventName(), c));
            o.put("count", g.count());
            o.put("firstSeen", str(g.firstSeen()));
            o.put("origin", cap(f.origin(), c));
            bytes += write(o).length();
            if (bytes > GROUP_LIST_BUDGET) break;
            list.add(o);
            listed++;
        }
        return listed;
    }

    private static ObjectNode finding(FindingGroup g, Alert alert, Limits l) {
        int c = l.chars();
        Finding f = g.first();
        ObjectNode o = Json.object();
        o.put("detection", f.detection().name());
        o.put("count", g.count());
        o.put("firstSeen", str(g.firstSeen()));
        o.put("lastSeen", str(g.lastSeen()));
        ArrayNode ids = o.putArray("exampleEventIds");
        g.exampleEventIds().forEach(id -> ids.add(cap(id, c)));
        o.put("eventSource", cap(f.eventSource(), c));
        o.put("eventName", cap(f.eventName(), c));
        o.put("errorCode", cap(f.errorCode(), c));
        o.put("errorMessage", cap(f.errorMessage(), c));
        o.put("sourceIPAddress", cap(f.sourceIp(), c));
        o.put("userAgent", cap(f.userAgent(), c));
        o.put("claimsToBeTrailhound", f.claimsToBeTrailhound());
        o.put("origin", cap(f.origin(), c));
        ArrayNode resources = o.putArray("resources");
        first(f.resources(), l.items()).forEach(arn -> resources.add(cap(arn, c)));
        o.set("caller", caller(f.caller(), c));
        if (f.root() != null) {
            o.putObject("root")
                    .put("consoleSignIn", f.root().consoleSignIn())
                    .put("mfaUsed", cap(f.root().mfaUsed(), 40))
                    .put("longTermAccessKey", f.root().longTermAccessKey());
        }
        if (f.resource().type() != ResourceType.NONE) {
            ObjectNode r = o.putObject("resource");
            r.put("type", f.resource().type().name());
            r.put("id", cap(f.resource().id(), c));
            r.put("region", cap(f.resource().region(), 40));
            ResourceFacts facts = alert.facts().get(f.resource());
            if (facts != null) {
                r.put("arn", cap(facts.arn(), c));
                r.put("name", cap(facts.name(), c));
                r.put("state", cap(facts.state(), c));
                r.put("deletionDate", str(facts.effectiveDeletionDate()));
                Long days = facts.daysLeft(alert.generatedAt());
                if (days == null) r.putNull("daysLeft");
                else r.put("daysLeft", days);
                r.put("description", cap(facts.description(), c));
                ArrayNode aliases = r.putArray("aliases");
                first(facts.aliases(), l.items()).forEach(alias -> aliases.add(cap(alias, c)));
                ObjectNode tags = r.putObject("tags");
                facts.tags().entrySet().stream()
                        .limit(l.items())
                        .forEach(e -> tags.put(cap(e.getKey(), c), cap(e.getValue(), c)));
                Scheduling s = facts.scheduling();
                if (s != null) {
                    ObjectNode sched = r.putObject("scheduledBy");
                    sched.set("caller", caller(s.by(), c));
                    sched.put("at", str(s.at()));
                    sched.put("sourceIPAddress", cap(s.sourceIp(), c));
                    sched.put("eventId", cap(s.eventId(), c));
                    if (s.windowDays() != null) sched.put("windowDays", s.windowDays());
                }
                ArrayNode unknown = r.putArray("unknown");
                first(facts.unknowns(), l.items()).forEach(u -> unknown.add(cap(u, c)));
            }
        }
        return o;
    }

    private static ObjectNode caller(Caller who, int c) {
        ObjectNode o = Json.object();
        o.put("type", cap(who.kind(), c));
        o.put("principal", cap(who.principal(), c));
        o.put("sessionName", cap(who.sessionName(), c));
        o.put("accountId", cap(who.accountId(), c));
        o.put("accessKeyId", cap(who.accessKeyId(), c));
        o.put("invokedBy", cap(who.invokedBy(), c));
        return o;
    }

    static Map<String, String> attributes(Alert alert) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("detection", alert.headline().name());
        attrs.put("severity", alert.severity());
        if (alert.alarm().accountId() != null)
            attrs.put("account", Sanitize.subject(alert.alarm().accountId(), 64));
        if (alert.alarm().region() != null)
            attrs.put("region", Sanitize.subject(alert.alarm().region(), 64));
        attrs.put(RenderedAlert.ORIGIN_ATTRIBUTE, "trailhound");
        return attrs;
    }

    private static void line(StringBuilder t, String label, String value) {
        t.append(label)
                .append(':')
                .append(" ".repeat(Math.max(1, 18 - label.length())))
                .append(value == null ? "unknown" : value)
                .append('\n');
    }

    private static String clean(String s, int max) {
        return Sanitize.text(s, max);
    }

    /** A JSON string value cut to {@code max} characters (never inside a surrogate pair), saying how much was cut. */
    static String cap(String s, int max) {
        if (s == null || s.length() <= max) return s;
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + "…(" + (s.length() - end) + " more chars)";
    }

    private static <T> List<T> first(List<T> items, int max) {
        return items.size() <= max ? items : items.subList(0, max);
    }

    private static String andMore(int size, int max) {
        return size > max ? " and " + (size - max) + " more" : "";
    }

    private static void more(StringBuilder t, int size, int max, String what) {
        if (size > max)
            t.append("  ... and ")
                    .append(size - max)
                    .append(" more ")
                    .append(what)
                    .append("; the counts are in the JSON document\n");
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
