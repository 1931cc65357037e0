package io.trailhound.alert;

import io.trailhound.alarm.AlarmNotification;
import io.trailhound.alarm.ChildStatus;
import io.trailhound.alarm.TimeWindow;
import io.trailhound.detect.Detection;
import io.trailhound.detect.ResourceRef;
import io.trailhound.enrich.ResourceFacts;
import io.trailhound.remediate.RemediationOutcome;
import io.trailhound.verify.AlarmCheck;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything an enriched alert says. {@code notes} hold what could not be done and why (never a missing
 * alert); {@code partial} marks an alert whose evidence search did not finish, {@code notFullyRead}
 * names the log groups (or other sources) that were not read to the end; {@code children} are a composite
 * alarm's child alarms (empty for a metric alarm); {@code notification} is what CloudWatch said about the
 * notification (an unverified one is marked so and never acted on); {@code accountNames} are the names the
 * organization gives the accounts of the findings (an account without one is shown by its ID alone).
 */
public record Alert(
        AlarmNotification alarm,
        TimeWindow window,
        List<FindingGroup> groups,
        Map<ResourceRef, ResourceFacts> facts,
        List<RemediationOutcome> remediation,
        long matchedEvents,
        long scannedEvents,
        long ungroupedEvents,
        List<String> notes,
        boolean partial,
        Instant generatedAt,
        List<String> notFullyRead,
        List<ChildStatus> children,
        AlarmCheck notification,
        Map<String, String> accountNames) {

    public Alert {
        groups = List.copyOf(groups);
        facts = Map.copyOf(facts);
        remediation = List.copyOf(remediation);
        notes = List.copyOf(notes);
        notFullyRead = List.copyOf(notFullyRead);
        children = List.copyOf(children);
        accountNames = Map.copyOf(accountNames);
    }

    /**
     * An alert whose sources were all read (or that does not say which were not), of a metric alarm, whose
     * notification was not checked with CloudWatch, without account names; the with-ers add the rest.
     */
    public Alert(
            AlarmNotification alarm,
            TimeWindow window,
            List<FindingGroup> groups,
            Map<ResourceRef, ResourceFacts> facts,
            List<RemediationOutcome> remediation,
            long matchedEvents,
            long scannedEvents,
            long ungroupedEvents,
            List<String> notes,
            boolean partial,
            Instant generatedAt) {
        this(
                alarm,
                window,
                groups,
                facts,
                remediation,
                matchedEvents,
                scannedEvents,
                ungroupedEvents,
                notes,
                partial,
                generatedAt,
                List.of(),
                List.of(),
                AlarmCheck.OFFLINE,
                Map.of());
    }

    /** The same alert with {@code more} notes after its own (an output that failed, told to the others). */
    public Alert withNotes(List<String> more) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(more);
        return with(c -> c.notes = all);
    }

    /** The same alert with the organization's names of its accounts. */
    public Alert withAccountNames(Map<String, String> names) {
        return with(c -> c.accountNames = names);
    }

    /** The same alert of a composite alarm, with what became of its {@code children}. */
    public Alert withChildren(List<ChildStatus> children) {
        return with(c -> c.children = children);
    }

    /** A copy with what {@code change} sets: each with-er names only its own field. */
    private Alert with(java.util.function.Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return c.build();
    }

    /** The alert's fields as mutable ones, for the one copy a with-er makes. */
    private static final class Copy {
        final Alert a;
        List<String> notes;
        List<ChildStatus> children;
        Map<String, String> accountNames;

        Copy(Alert a) {
            this.a = a;
            notes = a.notes;
            children = a.children;
            accountNames = a.accountNames;
        }

        Alert build() {
            return new Alert(
                    a.alarm,
                    a.window,
                    a.groups,
                    a.facts,
                    a.remediation,
                    a.matchedEvents,
                    a.scannedEvents,
                    a.ungroupedEvents,
                    notes,
                    a.partial,
                    a.generatedAt,
                    a.notFullyRead,
                    children,
                    a.notification,
                    accountNames);
        }
    }

    /** The organization's name for {@code account}, null when none is known. */
    public String accountName(String account) {
        return account == null ? null : accountNames.get(account);
    }

    /**
     * The accounts whose names an alert may show: those of the groups it can show at most ({@link
     * Limits#MAX_GROUPS_SHOWN}, in rank order), each once.
     */
    public static List<String> accountsToName(List<FindingGroup> ranked) {
        return ranked.stream()
                .limit(Limits.MAX_GROUPS_SHOWN)
                .map(Shown::accountOf)
                .filter(a -> !a.isEmpty())
                .distinct()
                .toList();
    }

    /** The headline's severity, UNKNOWN when nothing matched. */
    public String severity() {
        return groups.isEmpty() ? "UNKNOWN" : headline().severity;
    }

    /** The most severe detection found, GENERIC when nothing matched. */
    public Detection headline() {
        return groups.isEmpty() ? Detection.GENERIC : groups.get(0).first().detection();
    }
}
