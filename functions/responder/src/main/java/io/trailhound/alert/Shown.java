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
                alert.groups()
                        .subList(0, Math.min(limits.groups(), alert.groups().size())),
                first(alert.notFullyRead(), limits),
                first(alert.remediation(), limits),
                first(alert.notes(), limits));
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
