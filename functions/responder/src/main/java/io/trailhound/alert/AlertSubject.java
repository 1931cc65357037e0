package io.trailhound.alert;

import io.trailhound.detect.Detection;
import io.trailhound.detect.Finding;

/**
 * The subject line: at most 100 printable ASCII characters (SNS's limit) naming the headline's resource
 * and caller, how many more groups there are, and whether the notification or the search is in doubt.
 */
public final class AlertSubject {
    public static final int MAX = 100;

    private AlertSubject() {}

    public static String of(Alert alert) {
        String head = alert.notification().unverified() ? "Trailhound: [unverified] " : "Trailhound: ";
        if (alert.groups().isEmpty()) {
            String tail = alert.partial()
                    ? " in ALARM, search incomplete, no matching events found so far"
                    : " in ALARM, no matching events found";
            String name =
                    Sanitize.subject(String.valueOf(alert.alarm().alarmName()), MAX - head.length() - tail.length());
            return Sanitize.subject(head + name + tail, MAX);
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
        if (full.length() > MAX) { // keep the caller and the count; shorten the resource
            int room = MAX - (head.length() + by.length() + more.length() + 3);
            full = head + (room > 10 ? what.substring(0, Math.min(what.length(), room)) + "..." : what) + by + more;
        }
        return Sanitize.subject(full, MAX);
    }
}
