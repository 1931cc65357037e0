package io.trailhound.remediate;

import io.trailhound.budget.Budget;
import io.trailhound.config.Config;
import io.trailhound.detect.Finding;
import io.trailhound.enrich.Scheduling;
import io.trailhound.verify.AlarmCheck;
import io.trailhound.verify.Confirmation;
import io.trailhound.verify.EventConfirmer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one place that decides whether a deletion may be cancelled, for the Lambda and the CLI's plan alike.
 * In order, cheapest first: mode off; the notification verified by CloudWatch; account, deny and allow
 * lists, opt-in tag ({@link RemediationPolicy}); the cap, counted by the ARN the service returned (one
 * resource spelt two ways is one action); the replay rule (the deletion now scheduled must have been
 * scheduled before the triggering event, else it was scheduled again after it); and last, because it costs
 * LookupEvents calls at two per second, confirmation of a triggering event by CloudTrail's event history.
 * Only what would otherwise be acted on is confirmed, at most {@link #MAX_CONFIRMATIONS} records per resource.
 * The cap counts what was acted on: {@link #remediate} hands each allowed resource to the remediator's
 * action, which checks the current state first, and a resource found already restored uses no slot.
 */
public final class RemediationGuard {
    /** A failed call counts: it may have changed the resource before it failed (a timeout, say). */
    private static final Set<RemediationOutcome.Status> USES_A_SLOT = EnumSet.of(
            RemediationOutcome.Status.DONE, RemediationOutcome.Status.WOULD_DO, RemediationOutcome.Status.FAILED);

    static final int MAX_CONFIRMATIONS = 3;

    /** One resource's verdict; {@code trigger} is the confirmed event an action rests on. */
    public record Decision(Candidate candidate, boolean act, String reason, Finding trigger) {}

    /** What a remediator does with a resource the guard allows: check its state, then act (or plan). */
    public interface Action {
        List<RemediationOutcome> apply(Decision allowed);
    }

    private final Config.RemediationMode mode;
    private final RemediationPolicy policy;
    private final int maxActions;

    public RemediationGuard(Config config) {
        this.mode = config.remediation();
        this.policy = RemediationPolicy.from(config);
        this.maxActions = config.remediationMaxActions();
    }

    /**
     * Every candidate's outcome: a refusal as SKIPPED with its reason, an allowed one as {@code action} reports
     * it. Each resource whose outcomes change (or would change, or tried to change) something uses a slot of
     * the cap; one found already done, or left for lack of time, does not. Mode off: nothing, not even a refusal.
     */
    public List<RemediationOutcome> remediate(
            List<Candidate> candidates,
            String accountId,
            AlarmCheck alarm,
            EventConfirmer confirmer,
            Budget budget,
            Action action) {
        List<RemediationOutcome> out = new ArrayList<>();
        walk(candidates, accountId, alarm, confirmer, budget, d -> {
            if (!d.act()) {
                Candidate c = d.candidate();
                out.add(new RemediationOutcome(c.name(), c.action(), RemediationOutcome.Status.SKIPPED, d.reason()));
                return false;
            }
            List<RemediationOutcome> done = action.apply(d);
            out.addAll(done);
            return done.stream().anyMatch(o -> USES_A_SLOT.contains(o.status()));
        });
        return out;
    }

    /** The verdicts alone, as a plan would count them: every allowed resource uses a slot. */
    public List<Decision> decide(
            List<Candidate> candidates, String accountId, AlarmCheck alarm, EventConfirmer confirmer, Budget budget) {
        List<Decision> out = new ArrayList<>();
        walk(candidates, accountId, alarm, confirmer, budget, d -> {
            out.add(d);
            return d.act();
        });
        return out;
    }

    /** Decides each resource in turn; {@code usedASlot} handles a verdict and says whether it counts. */
    private void walk(
            List<Candidate> candidates,
            String accountId,
            AlarmCheck alarm,
            EventConfirmer confirmer,
            Budget budget,
            Predicate<Decision> usedASlot) {
        if (mode == Config.RemediationMode.OFF) {
            return;
        }
        int acting = 0;
        for (Candidate c : byServiceArn(candidates)) {
            if (usedASlot.test(decide(c, accountId, alarm, confirmer, budget, acting))) {
                acting++;
            }
        }
    }

    private Decision decide(
            Candidate c, String accountId, AlarmCheck alarm, EventConfirmer confirmer, Budget budget, int acting) {
        if (alarm.unverified()) {
            return skip(c, "unverified notification (" + alarm.detail() + "): not acted on");
        }
        Optional<String> refusal = policy.refusal(c.facts(), accountId);
        if (refusal.isPresent()) {
            return skip(c, refusal.get());
        }
        if (acting >= maxActions) {
            return skip(c, "the cap of " + maxActions + " action(s) per invocation is reached");
        }
        Scheduling scheduled = c.facts().scheduling();
        if (scheduled == null || scheduled.at() == null) {
            return skip(c, "when its deletion was scheduled is unknown, so a replay cannot be ruled out: not acted on");
        }
        List<String> unconfirmed = new ArrayList<>();
        List<Finding> triggers = c.triggers().stream()
                .sorted(Finding.EARLIEST)
                .limit(MAX_CONFIRMATIONS)
                .toList();
        for (Finding t : triggers) {
            if (t.eventTime() == null || !t.eventTime().isAfter(scheduled.at())) {
                unconfirmed.add(againAfter(t, scheduled));
                continue; // the log's own time already rules it out: no lookup spent on it
            }
            Confirmation confirmation = confirmer.confirm(t, budget);
            if (confirmation.status() == Confirmation.Status.NOT_CHECKED) {
                return new Decision(c, true, confirmation.detail(), t); // offline plan: nothing is called anyway
            }
            if (!confirmation.isConfirmed()) {
                unconfirmed.add("event " + t.eventId() + " (found in " + t.origin() + "): " + confirmation.detail());
                continue;
            }
            if (!confirmation.confirmed().eventTime().isAfter(scheduled.at())) {
                unconfirmed.add(againAfter(confirmation.confirmed(), scheduled));
                continue;
            }
            return new Decision(c, true, confirmation.detail(), confirmation.confirmed());
        }
        String more = c.triggers().size() > triggers.size()
                ? "; " + (c.triggers().size() - triggers.size()) + " more record(s) not looked up"
                : "";
        return skip(c, "no triggering event is confirmed: " + String.join("; ", unconfirmed) + more + ": not acted on");
    }

    private static String againAfter(Finding t, Scheduling scheduled) {
        return "scheduled again after the access (event " + t.eventId() + " at " + t.eventTime()
                + ", deletion scheduled at " + scheduled.at() + "): not acted on";
    }

    private static Decision skip(Candidate c, String reason) {
        return new Decision(c, false, reason, null);
    }

    /** One candidate per resource as the service names it (its ARN), with the triggers of every spelling. */
    static List<Candidate> byServiceArn(List<Candidate> candidates) {
        Map<Object, Candidate> merged = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            Object key = c.facts().arn() != null ? c.facts().arn() : c.ref();
            merged.merge(key, c, (a, b) -> {
                List<Finding> all = new ArrayList<>(a.triggers());
                all.addAll(b.triggers());
                return new Candidate(a.ref(), a.facts(), all);
            });
        }
        return List.copyOf(merged.values());
    }
}
