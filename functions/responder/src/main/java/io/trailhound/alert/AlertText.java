package io.trailhound.alert;

import io.trailhound.alarm.ChildStatus;
import io.trailhound.detect.Detection;
import io.trailhound.detect.Finding;
import io.trailhound.detect.ResourceType;
import io.trailhound.enrich.AccountNames;
import io.trailhound.enrich.ResourceFacts;
import io.trailhound.enrich.Scheduling;
import io.trailhound.remediate.RemediationOutcome;
import io.trailhound.verify.AlarmCheck;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The plain-text e-mail: one labelled line per fact, every value through {@link Sanitize} (escaped,
 * links defanged, capped), what is shown chosen by {@link Shown}.
 */
final class AlertText {
    private static final int LABEL_WIDTH = 18;

    private AlertText() {}

    static String of(Shown shown) {
        Alert alert = shown.alert();
        StringBuilder t = new StringBuilder();
        var a = alert.alarm();
        Detection d = alert.headline();
        int c = shown.chars();
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
        line(t, "Evidence", evidence(alert));
        if (!alert.notFullyRead().isEmpty()) {
            line(
                    t,
                    "Not fully read",
                    clean(String.join(", ", shown.notFullyRead()), c * 4)
                            + andMore(
                                    alert.notFullyRead().size(),
                                    shown.notFullyRead().size()));
        }
        int n = 0;
        String account = null;
        for (FindingGroup g : shown.groups()) {
            n++;
            if (shown.severalAccounts() && !Shown.accountOf(g).equals(account)) {
                account = Shown.accountOf(g);
                long inAccount = shown.groups().stream()
                        .filter(o -> Shown.accountOf(o).equals(Shown.accountOf(g)))
                        .count();
                t.append("\n== Account ")
                        .append(account.isEmpty() ? "unknown" : account(account, alert))
                        .append(": ")
                        .append(inAccount)
                        .append(" finding group(s) ==\n");
            }
            finding(t, n, g, shown);
        }
        if (shown.moreGroups() > 0) {
            t.append("\n... and ").append(shown.moreGroups()).append(" more group(s), listed in the JSON document.\n");
        }
        if (alert.ungroupedEvents() > 0) {
            t.append("\n")
                    .append(alert.ungroupedEvents())
                    .append(" further matching event(s) were counted but not grouped.\n");
        }
        if (!alert.remediation().isEmpty()) {
            t.append("\nRemediation (").append(remediationSummary(alert)).append("):\n");
            for (RemediationOutcome r : shown.remediation()) {
                t.append("  ")
                        .append(r.status())
                        .append(' ')
                        .append(r.action())
                        .append(' ')
                        .append(clean(r.resource(), c))
                        .append(r.detail() == null ? "" : ": " + clean(r.detail(), c))
                        .append('\n');
            }
            more(t, alert.remediation().size(), shown.remediation().size(), "decision(s)");
        }
        if (!alert.notes().isEmpty()) {
            t.append("\nNotes:\n");
            shown.notes()
                    .forEach(note -> t.append("  - ").append(clean(note, c)).append('\n'));
            more(t, alert.notes().size(), shown.notes().size(), "note(s)");
        }
        return t.toString();
    }

    private static void finding(StringBuilder t, int n, FindingGroup g, Shown shown) {
        Alert alert = shown.alert();
        int c = shown.chars();
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
            if (f.resource().account() != null) {
                line(t, "  Account", account(f.resource().account(), alert));
            }
            if (facts != null) {
                facts(t, facts, alert.generatedAt(), shown);
            }
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
        if (f.errorMessage() != null) {
            line(t, "  Error message", clean(f.errorMessage(), c));
        }
        if (!f.resources().isEmpty()) {
            line(t, "  Resources", clean(String.join(", ", f.resources()), c));
        }
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
        List<String> histogram = MinuteHistogram.lines(g);
        for (int i = 0; i < histogram.size(); i++) {
            if (i == 0) {
                line(t, "  Per minute", histogram.get(i));
            } else {
                t.append(" ".repeat(LABEL_WIDTH + 1)).append(histogram.get(i)).append('\n');
            }
        }
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
        nextSteps(t, g, shown);
    }

    /**
     * The finding's next steps. The commands and links are Trailhound's own, every part from a record quoted or
     * encoded ({@link NextSteps}), so they are shown exactly: Sanitize would defang the links. Labels are
     * sanitised like any text.
     */
    private static void nextSteps(StringBuilder t, FindingGroup g, Shown shown) {
        Alert alert = shown.alert();
        List<NextSteps.Step> steps = NextSteps.of(
                g,
                alert.facts().get(g.first().resource()),
                alert.remediation(),
                alert.window(),
                alert.alarm().region());
        if (steps.isEmpty()) {
            return;
        }
        t.append("  Next steps:\n");
        for (NextSteps.Step s : steps) {
            t.append("    - ")
                    .append(s.kind() == NextSteps.Kind.UNDO ? "Undo: " : "")
                    .append(clean(s.label(), shown.chars()))
                    .append(":\n        ")
                    .append(s.value())
                    .append('\n');
        }
    }

    private static void facts(StringBuilder t, ResourceFacts facts, Instant now, Shown shown) {
        int c = shown.chars();
        if (facts.name() != null) {
            line(t, "  Name", clean(facts.name(), c));
        }
        if (facts.state() != null) {
            line(t, "  State", clean(facts.state(), c));
        }
        Instant deletion = facts.effectiveDeletionDate();
        if (deletion != null) {
            line(t, "  Deletion date", DeletionDate.describe(deletion, now));
        }
        if (!facts.aliases().isEmpty()) {
            var aliases = shown.first(facts.aliases());
            line(
                    t,
                    "  Aliases",
                    clean(String.join(", ", aliases), c)
                            + andMore(facts.aliases().size(), aliases.size()));
        }
        if (facts.description() != null && !facts.description().isEmpty()) {
            line(t, "  Description", clean(facts.description(), c));
        }
        Scheduling s = facts.scheduling();
        if (s != null) {
            line(
                    t,
                    "  Scheduled by",
                    clean(s.by().display(), c) + " at " + s.at() + " from " + clean(s.sourceIp(), c)
                            + (s.windowDays() != null ? " (window " + s.windowDays() + " days)" : ""));
        }
        var unknowns = shown.first(facts.unknowns());
        unknowns.forEach(u -> line(t, "  Unknown", clean(u, c)));
        if (facts.unknowns().size() > unknowns.size()) {
            line(t, "  Unknown", "and " + (facts.unknowns().size() - unknowns.size()) + " more");
        }
    }

    /** "3 matching event(s) of 40 scanned, in 2 group(s)", and whether the search finished. */
    static String evidence(Alert alert) {
        return alert.matchedEvents() + " matching event(s) of " + alert.scannedEvents() + " scanned, in "
                + alert.groups().size() + " group(s)"
                + (alert.partial() ? " - PARTIAL: the search did not finish" : "");
    }

    /** What CloudWatch said about the notification, as the e-mail's second line says it. */
    static String notification(AlarmCheck check) {
        return switch (check.status()) {
            case VERIFIED -> "verified with CloudWatch: " + clean(check.detail(), 300);
            case UNVERIFIED -> "UNVERIFIED NOTIFICATION: " + clean(check.detail(), 300) + "; nothing is acted on";
            case NOT_CHECKED -> clean(check.detail(), 300);
        };
    }

    /** "DONE 2, SKIPPED 3": what remediation did, so even a reduced alert tells that something was changed. */
    static String remediationSummary(Alert alert) {
        Map<RemediationOutcome.Status, Integer> counts = new EnumMap<>(RemediationOutcome.Status.class);
        alert.remediation().forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        StringBuilder out = new StringBuilder();
        counts.forEach((status, n) ->
                out.append(out.isEmpty() ? "" : ", ").append(status).append(' ').append(n));
        return out.isEmpty() ? "none" : out.toString();
    }

    /** One labelled line; a missing value reads "unknown". */
    static void line(StringBuilder t, String label, String value) {
        t.append(label)
                .append(':')
                .append(" ".repeat(Math.max(1, LABEL_WIDTH - label.length())))
                .append(value == null ? "unknown" : value)
                .append('\n');
    }

    /** The account's ID, and its name in the organization when known: {@code 222222222222 (Payments)}. */
    static String account(String account, Alert alert) {
        String name = alert.accountName(account);
        return clean(account, 40) + (name == null ? "" : " (" + clean(name, AccountNames.MAX_CHARS) + ")");
    }

    static String clean(String s, int max) {
        return Sanitize.text(s, max);
    }

    private static String andMore(int size, int shown) {
        return size > shown ? " and " + (size - shown) + " more" : "";
    }

    private static void more(StringBuilder t, int size, int shown, String what) {
        if (size > shown) {
            t.append("  ... and ")
                    .append(size - shown)
                    .append(" more ")
                    .append(what)
                    .append("; the counts are in the JSON document\n");
        }
    }

    private static String nvl(String s) {
        return s == null ? "unknown" : s;
    }
}
