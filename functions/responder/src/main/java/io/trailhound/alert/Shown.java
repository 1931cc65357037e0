package io.trailhound.alert;

import io.trailhound.remediate.RemediationOutcome;
import java.util.List;

/**
 * What of an alert is shown within its {@link Limits}: chosen once, so that the e-mail text and the JSON
 * document show the same groups and the same items of every list, and count the same rest.
 */
record Shown(
        Alert alert,
        Limits limits,
        List<FindingGroup> groups,
        List<String> notFullyRead,
        List<RemediationOutcome> remediation,
        List<String> notes) {

    static Shown of(Alert alert, Limits limits) {
        return new Shown(
                alert,
                limits,
                byAccount(alert.groups()
                        .subList(0, Math.min(limits.groups(), alert.groups().size()))),
                first(alert.notFullyRead(), limits),
                first(alert.remediation(), limits),
                first(alert.notes(), limits));
    }

    /**
     * The groups of several accounts (an organization trail) by account first: each account's groups together,
     * the accounts in the order of their riskiest group, each account's groups still in rank order. Chosen
     * after the cut by rank, so no account's risky group is pushed out of view by another's many.
     */
    static List<FindingGroup> byAccount(List<FindingGroup> ranked) {
        java.util.Map<String, List<FindingGroup>> byAccount = new java.util.LinkedHashMap<>();
        for (FindingGroup g : ranked) {
            byAccount
                    .computeIfAbsent(accountOf(g), k -> new java.util.ArrayList<>())
                    .add(g);
        }
        if (byAccount.size() < 2) {
            return ranked;
        }
        return byAccount.values().stream().flatMap(List::stream).toList();
    }

    /** The account a group is about: its resource's, else its caller's ("" when neither is known). */
    static String accountOf(FindingGroup g) {
        String resource = g.first().resource().account();
        if (resource != null) {
            return resource;
        }
        String caller = g.first().caller().accountId();
        return caller == null ? "" : caller;
    }

    /** Whether the groups shown are of more than one account (then the text heads each account's). */
    boolean severalAccounts() {
        return groups.stream().map(Shown::accountOf).distinct().count() > 1;
    }

    /** The characters each string may keep. */
    int chars() {
        return limits.chars();
    }

    /** The groups not shown (they are counted, and listed compactly in the JSON document). */
    int moreGroups() {
        return alert.groups().size() - groups.size();
    }

    /** The first items of any list of the alert (a finding's resources, a resource's aliases, …). */
    <T> List<T> first(List<T> items) {
        return first(items, limits);
    }

    private static <T> List<T> first(List<T> items, Limits limits) {
        return items.size() <= limits.items() ? items : items.subList(0, limits.items());
    }
}
