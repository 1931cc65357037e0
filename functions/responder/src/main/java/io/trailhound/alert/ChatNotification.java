package io.trailhound.alert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.detect.Finding;
import io.trailhound.detect.ResourceType;
import io.trailhound.enrich.AccountNames;
import io.trailhound.enrich.ResourceFacts;
import io.trailhound.json.Json;

/**
 * The alert as an Amazon Q Developer in chat applications custom notification: {@code version} 1.0, {@code
 * source} custom, the subject as {@code content.title}, a summary of the findings in client-markdown as
 * {@code content.description}, the headline finding's next steps, keywords, and {@code metadata.threadId}
 * from the headline resource, so that alerts about the same resource thread together in the channel.
 * Every value taken from CloudTrail or the notification is sanitised and set in code spans, so no text in a
 * record can format, link or mention anyone; the commands and links of {@link NextSteps} are built by
 * Trailhound and shown as they are.
 */
public final class ChatNotification {
    private ChatNotification() {}

    static final int TITLE_MAX = 250;
    static final int DESCRIPTION_MAX = 8_000;
    static final int GROUPS_SHOWN = 5;
    static final int NOTES_SHOWN = 3;
    static final int NEXT_STEPS_MAX = 8;

    public static String json(Alert alert, RenderedAlert rendered) {
        ObjectNode doc = Json.object();
        doc.put("version", "1.0");
        doc.put("source", "custom");
        ObjectNode content = doc.putObject("content");
        content.put("textType", "client-markdown");
        content.put("title", cut(rendered.subject(), TITLE_MAX));
        content.put("description", cut(description(alert), DESCRIPTION_MAX));
        ArrayNode next = content.putArray("nextSteps");
        if (!alert.groups().isEmpty()) {
            FindingGroup g = alert.groups().get(0);
            NextSteps.of(
                            g,
                            facts(alert, g),
                            alert.remediation(),
                            alert.window(),
                            alert.alarm().region())
                    .stream()
                    .limit(NEXT_STEPS_MAX)
                    .forEach(s -> next.add(
                            s.label() + ": " + (s.kind() == NextSteps.Kind.OPEN ? s.value() : "`" + s.value() + "`")));
        }
        ArrayNode keywords = content.putArray("keywords");
        keywords.add(alert.severity());
        keywords.add(alert.headline().name());
        if (alert.alarm().region() != null) {
            keywords.add(Sanitize.subject(alert.alarm().region(), 40));
        }
        if (alert.alarm().accountId() != null) {
            keywords.add(Sanitize.subject(alert.alarm().accountId(), 40));
        }
        ObjectNode metadata = doc.putObject("metadata");
        metadata.put("threadId", threadId(alert));
        metadata.put("summary", cut(rendered.subject(), TITLE_MAX));
        metadata.put("eventType", alert.headline().name());
        ArrayNode related = metadata.putArray("relatedResources");
        alert.groups().stream()
                .limit(GROUPS_SHOWN)
                .map(g -> resource(g, facts(alert, g)))
                .filter(r -> r != null)
                .distinct()
                .forEach(r -> related.add(Sanitize.subject(r, 512)));
        metadata.putObject("additionalContext")
                .put("alarmName", Sanitize.subject(String.valueOf(alert.alarm().alarmName()), 256))
                .put("notification", alert.notification().status().name())
                .put("matchedEvents", Long.toString(alert.matchedEvents()));
        return Json.write(doc);
    }

    /** The headline resource's thread: every alert about it (whatever the caller) threads under the first one. */
    static String threadId(Alert alert) {
        if (alert.groups().isEmpty()) {
            return "trailhound-" + ResourceKey.digest("alarm:" + alert.alarm().alarmName(), 32);
        }
        FindingGroup g = alert.groups().get(0);
        return "trailhound-"
                + ResourceKey.digest(
                        ResourceKey.of(g.first(), facts(alert, g), alert.alarm().accountId()), 32);
    }

    private static String description(Alert alert) {
        StringBuilder d = new StringBuilder();
        var a = alert.alarm();
        d.append('*')
                .append(alert.groups().isEmpty() ? "Alarm fired, no matching events found" : alert.headline().title)
                .append("* (severity *")
                .append(alert.severity())
                .append("*)\n");
        d.append("Alarm ")
                .append(code(a.alarmName()))
                .append(" in ")
                .append(code(a.accountId()))
                .append(" / ")
                .append(code(a.region()))
                .append("; notification ")
                .append(alert.notification().status().name().toLowerCase().replace('_', ' '))
                .append('\n');
        d.append(alert.matchedEvents())
                .append(" matching event(s) of ")
                .append(alert.scannedEvents())
                .append(" scanned, in ")
                .append(alert.groups().size())
                .append(" group(s), ")
                .append(alert.window().start())
                .append(" .. ")
                .append(alert.window().end())
                .append(alert.partial() ? " (*search incomplete*)" : "")
                .append('\n');
        int n = 0;
        for (FindingGroup g : alert.groups()) {
            if (++n > GROUPS_SHOWN) {
                d.append("… and ").append(alert.groups().size() - GROUPS_SHOWN).append(" more group(s)\n");
                break;
            }
            Finding f = g.first();
            d.append("\n*").append(n).append(".* ");
            String r = resource(g, facts(alert, g));
            if (r != null) {
                d.append(code(r));
                String name = alert.accountName(Shown.accountOf(g));
                if (name != null) { // the ARN holds the ID; people know the account by its name
                    d.append(" in account ").append(code(Sanitize.text(name, AccountNames.MAX_CHARS)));
                }
                d.append(": ");
            }
            d.append(code(f.eventName()))
                    .append(" by ")
                    .append(code(f.caller().principal()))
                    .append(" from ")
                    .append(code(f.sourceIp()))
                    .append(", ")
                    .append(g.count())
                    .append(" event(s)");
            if (g.firstSeen() != null) {
                d.append(", ").append(g.firstSeen()).append(" .. ").append(g.lastSeen());
            }
            ResourceFacts facts = facts(alert, g);
            if (facts != null && facts.effectiveDeletionDate() != null) {
                d.append("; deletion ")
                        .append(DeletionDate.describe(facts.effectiveDeletionDate(), alert.generatedAt()));
            }
        }
        if (!alert.remediation().isEmpty()) {
            d.append("\n\nRemediation: ");
            alert.remediation().stream()
                    .limit(GROUPS_SHOWN)
                    .forEach(o -> d.append("\n• ")
                            .append(o.status())
                            .append(' ')
                            .append(o.action())
                            .append(' ')
                            .append(code(o.resource())));
        }
        if (!alert.notes().isEmpty()) {
            d.append("\n\nNotes:");
            alert.notes().stream()
                    .limit(NOTES_SHOWN)
                    .forEach(note -> d.append("\n• ").append(code(note)));
            if (alert.notes().size() > NOTES_SHOWN) {
                d.append("\n… and ").append(alert.notes().size() - NOTES_SHOWN).append(" more (in the e-mail)");
            }
        }
        return d.toString();
    }

    private static ResourceFacts facts(Alert alert, FindingGroup g) {
        return alert.facts().get(g.first().resource());
    }

    /** The resource as people know it: the ARN the service returned, else the record's id; null for none. */
    private static String resource(FindingGroup g, ResourceFacts facts) {
        if (g.first().resource().type() == ResourceType.NONE) {
            return null;
        }
        return facts != null && facts.arn() != null
                ? facts.arn()
                : g.first().resource().id();
    }

    /** An untrusted value as inline code: sanitised (escapes, defanged links, no {@code < >}), no backticks. */
    static String code(String s) {
        return "`" + (s == null ? "unknown" : Sanitize.text(s, 300).replace('`', '\'')) + "`";
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
