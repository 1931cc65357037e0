package io.trailhound.alert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.detect.Caller;
import io.trailhound.detect.Finding;
import io.trailhound.detect.ResourceType;
import io.trailhound.enrich.AccountNames;
import io.trailhound.enrich.ResourceFacts;
import io.trailhound.enrich.Scheduling;
import io.trailhound.json.Json;
import io.trailhound.remediate.RemediationOutcome;
import java.time.Instant;
import java.util.List;

/**
 * The JSON document: every value exact (JSON escapes it), strings only cut to their cap ({@link #cap}),
 * what is shown chosen by {@link Shown}, and a compact entry for every group after the findings shown.
 */
final class AlertJson {
    /** Room for the compact list of every group (its strings are capped, so each entry is small). */
    static final int GROUP_LIST_BUDGET = 32 * 1024;

    private AlertJson() {}

    static String of(Shown shown) {
        Alert alert = shown.alert();
        int c = shown.chars();
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
        alarm.put("stateChangeTime", str(a.stateChangeTime()));
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
        counts.put("groupsShown", shown.groups().size());
        counts.put("ungrouped", alert.ungroupedEvents());
        counts.put("remediation", alert.remediation().size());
        counts.put("notes", alert.notes().size());
        doc.put("partial", alert.partial());
        ArrayNode unread = doc.putArray("notFullyRead");
        shown.notFullyRead().forEach(g -> unread.add(cap(g, c)));
        counts.put("notFullyRead", alert.notFullyRead().size());
        ArrayNode findings = doc.putArray("findings");
        shown.groups().forEach(g -> findings.add(finding(g, shown)));
        counts.put("groupsListed", listGroups(doc.putArray("groups"), alert, c));
        ArrayNode remediation = doc.putArray("remediation");
        for (RemediationOutcome r : shown.remediation()) {
            remediation
                    .addObject()
                    .put("resource", cap(r.resource(), c))
                    .put("action", r.action())
                    .put("status", r.status().name())
                    .put("detail", cap(r.detail(), c));
        }
        ArrayNode notes = doc.putArray("notes");
        shown.notes().forEach(note -> notes.add(cap(note, c)));
        return Json.write(doc);
    }

    /** Every group, one compact entry each, in rank order, as far as {@link #GROUP_LIST_BUDGET} allows; returns how many. */
    private static int listGroups(ArrayNode list, Alert alert, int c) {
        List<FindingGroup> groups = alert.groups();
        int bytes = 0;
        int listed = 0;
        for (FindingGroup g : groups) {
            Finding f = g.first();
            ObjectNode o = Json.object();
            o.put("detection", f.detection().name());
            if (f.resource().type() != ResourceType.NONE) {
                o.put("resource", cap(f.resource().id(), c));
                o.put("region", cap(f.resource().region(), 40));
                o.put("account", cap(f.resource().account(), 40));
                accountName(o, f.resource().account(), alert);
            }
            o.put("caller", cap(f.caller().principal(), c));
            o.put("sourceIPAddress", cap(f.sourceIp(), c));
            o.put("eventSource", cap(f.eventSource(), c));
            o.put("eventName", cap(f.eventName(), c));
            o.put("count", g.count());
            o.put("firstSeen", str(g.firstSeen()));
            o.put("origin", cap(f.origin(), c));
            bytes += Json.write(o).length();
            if (bytes > GROUP_LIST_BUDGET) {
                break;
            }
            list.add(o);
            listed++;
        }
        return listed;
    }

    private static ObjectNode finding(FindingGroup g, Shown shown) {
        int c = shown.chars();
        Finding f = g.first();
        ObjectNode o = Json.object();
        o.put("detection", f.detection().name());
        o.put("count", g.count());
        o.put("firstSeen", str(g.firstSeen()));
        o.put("lastSeen", str(g.lastSeen()));
        ArrayNode ids = o.putArray("exampleEventIds");
        g.exampleEventIds().forEach(id -> ids.add(cap(id, c)));
        perMinute(o, g);
        o.put("eventSource", cap(f.eventSource(), c));
        o.put("eventName", cap(f.eventName(), c));
        o.put("errorCode", cap(f.errorCode(), c));
        o.put("errorMessage", cap(f.errorMessage(), c));
        o.put("sourceIPAddress", cap(f.sourceIp(), c));
        o.put("userAgent", cap(f.userAgent(), c));
        o.put("claimsToBeTrailhound", f.claimsToBeTrailhound());
        o.put("origin", cap(f.origin(), c));
        ArrayNode resources = o.putArray("resources");
        shown.first(f.resources()).forEach(arn -> resources.add(cap(arn, c)));
        o.set("caller", caller(f.caller(), c));
        if (f.root() != null) {
            o.putObject("root")
                    .put("consoleSignIn", f.root().consoleSignIn())
                    .put("mfaUsed", cap(f.root().mfaUsed(), 40))
                    .put("longTermAccessKey", f.root().longTermAccessKey());
        }
        ArrayNode next = o.putArray("nextSteps");
        NextSteps.of(
                        g,
                        shown.alert().facts().get(f.resource()),
                        shown.alert().remediation(),
                        shown.alert().window(),
                        shown.alert().alarm().region())
                .forEach(s -> next.addObject()
                        .put("kind", s.kind().name())
                        .put("label", s.label())
                        .put("value", s.value()));
        if (f.resource().type() != ResourceType.NONE) {
            ObjectNode r = o.putObject("resource");
            r.put("type", f.resource().type().name());
            r.put("id", cap(f.resource().id(), c));
            r.put("region", cap(f.resource().region(), 40));
            r.put("account", cap(f.resource().account(), 40));
            accountName(r, f.resource().account(), shown.alert());
            ResourceFacts facts = shown.alert().facts().get(f.resource());
            if (facts != null) {
                facts(r, facts, shown);
            }
        }
        return o;
    }

    /**
     * The events per minute, dense: {@code from} is the first minute with events, {@code counts[i]} the events
     * in the minute {@code i} minutes later, to the last counted minute; {@code laterEvents} those after it.
     */
    private static void perMinute(ObjectNode o, FindingGroup g) {
        if (g.perMinute().isEmpty()) {
            return;
        }
        ObjectNode m = o.putObject("perMinute");
        java.time.Instant from = g.perMinute().firstKey();
        m.put("from", from.toString());
        ArrayNode counts = m.putArray("counts");
        long last = (g.perMinute().lastKey().getEpochSecond() - from.getEpochSecond()) / 60;
        for (long i = 0; i <= last; i++) {
            counts.add(g.perMinute().getOrDefault(from.plusSeconds(60 * i), 0L));
        }
        if (g.laterEvents() > 0) {
            m.put("laterEvents", g.laterEvents());
        }
    }

    private static void facts(ObjectNode r, ResourceFacts facts, Shown shown) {
        int c = shown.chars();
        r.put("arn", cap(facts.arn(), c));
        r.put("name", cap(facts.name(), c));
        r.put("state", cap(facts.state(), c));
        r.put("deletionDate", str(facts.effectiveDeletionDate()));
        Long days = facts.daysLeft(shown.alert().generatedAt());
        if (days == null) {
            r.putNull("daysLeft");
        } else {
            r.put("daysLeft", days);
            r.put(
                    "deletionPassed",
                    DeletionDate.passed(
                            facts.effectiveDeletionDate(), shown.alert().generatedAt()));
        }
        r.put("description", cap(facts.description(), c));
        ArrayNode aliases = r.putArray("aliases");
        shown.first(facts.aliases()).forEach(alias -> aliases.add(cap(alias, c)));
        ObjectNode tags = r.putObject("tags");
        facts.tags().entrySet().stream()
                .limit(shown.limits().items())
                .forEach(e -> tags.put(cap(e.getKey(), c), cap(e.getValue(), c)));
        Scheduling s = facts.scheduling();
        if (s != null) {
            ObjectNode sched = r.putObject("scheduledBy");
            sched.set("caller", caller(s.by(), c));
            sched.put("at", str(s.at()));
            sched.put("sourceIPAddress", cap(s.sourceIp(), c));
            sched.put("eventId", cap(s.eventId(), c));
            if (s.windowDays() != null) {
                sched.put("windowDays", s.windowDays());
            }
        }
        ArrayNode unknown = r.putArray("unknown");
        shown.first(facts.unknowns()).forEach(u -> unknown.add(cap(u, c)));
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

    /** A JSON string value cut to {@code max} characters (never inside a surrogate pair), saying how much was cut. */
    /** {@code accountName} beside an account ID, when the organization's name for it is known. */
    private static void accountName(ObjectNode o, String account, Alert alert) {
        String name = alert.accountName(account);
        if (name != null) {
            o.put("accountName", cap(name, AccountNames.MAX_CHARS));
        }
    }

    static String cap(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + "…(" + (s.length() - end) + " more chars)";
    }

    static String str(Instant t) {
        return t == null ? null : t.toString();
    }
}
