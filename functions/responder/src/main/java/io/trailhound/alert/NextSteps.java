package io.trailhound.alert;

import io.trailhound.alarm.TimeWindow;
import io.trailhound.aws.Regions;
import io.trailhound.detect.Detection;
import io.trailhound.detect.Finding;
import io.trailhound.detect.ResourceRef;
import io.trailhound.detect.ResourceType;
import io.trailhound.enrich.ResourceFacts;
import io.trailhound.remediate.RemediationOutcome;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a responder does next about one finding group: AWS CLI commands to paste, console pages to open, and
 * how to undo what Trailhound did. Built from confirmed facts only: an action (restore, cancel, enable) is
 * offered only when the service said the resource is scheduled for deletion, and with the ARN the service
 * returned; a resource the service did not describe gets the read-only command that checks it first.
 * Everything taken from a CloudTrail record (ids, names, key ids) is shell-quoted or URL-encoded, and a
 * value that cannot be pasted safely (control or non-ASCII characters) gives no step at all.
 */
public final class NextSteps {
    private NextSteps() {}

    /** RUN: a command to paste; OPEN: a console page; UNDO: reverses what Trailhound did. */
    public enum Kind {
        RUN,
        OPEN,
        UNDO
    }

    /** One step: what it does, and the command or URL (exact: never sanitised or defanged, nothing to escape). */
    public record Step(Kind kind, String label, String value) {}

    /** Resource ids, names and event ids the console and the CLI take as they are. */
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9:/_+=.@,-]+");
    /** Printable ASCII only: anything else could hide or fake text in a pasted command. */
    private static final Pattern PASTABLE = Pattern.compile("[\\x20-\\x7e]+");

    private static final Pattern EVENT_ID = Pattern.compile("[0-9A-Za-z-]{1,64}");

    /**
     * The steps for {@code g}; {@code facts} is what the service (or, offline, the records) said about its
     * resource (null when not described), {@code remediation} what Trailhound did in this alert, {@code
     * alarmRegion} where the alarm and its log group are (and where an event about no resource is looked up).
     */
    public static List<Step> of(
            FindingGroup g,
            ResourceFacts facts,
            List<RemediationOutcome> remediation,
            TimeWindow window,
            String alarmRegion) {
        Finding f = g.first();
        String region = known(f.resource().region()); // a damaged record may name any text as its Region
        List<Step> out = new ArrayList<>();
        switch (f.resource().type()) { // exhaustive: a new resource type must say what its next steps are
            case SECRET -> secret(out, f.resource(), facts, region, remediation);
            case KMS_KEY -> key(out, f.resource(), facts, region, remediation);
            case NONE -> {
                if (f.detection() == Detection.ROOT_USAGE) {
                    root(out, f);
                }
            }
        }
        String eventRegion = region != null ? region : known(alarmRegion);
        if (f.eventId() != null && EVENT_ID.matcher(f.eventId()).matches() && eventRegion != null) {
            out.add(new Step(
                    Kind.OPEN,
                    "The first event in CloudTrail's event history",
                    console(eventRegion, "cloudtrailv2/home?region=" + eventRegion + "#/events/" + f.eventId())));
            out.add(new Step(
                    Kind.RUN,
                    "Confirm the first event with CloudTrail",
                    "aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventId,AttributeValue="
                            + f.eventId() + " --region " + eventRegion));
        }
        String logGroup = logGroup(f.origin());
        String logRegion = known(alarmRegion);
        if (logGroup != null && logRegion != null && PASTABLE.matcher(logGroup).matches()) {
            out.add(new Step(
                    Kind.OPEN,
                    "Every event of this kind in the window (CloudWatch Logs Insights on " + logGroup + ")",
                    logsInsights(logRegion, logGroup, window, query(f))));
        }
        return List.copyOf(out);
    }

    /** A Region name fit for a URL and a command (the notification's text is not trusted); null otherwise. */
    private static String known(String region) {
        return region != null && Regions.isKnown(region) ? region : null;
    }

    private static void secret(
            List<Step> out, ResourceRef ref, ResourceFacts facts, String region, List<RemediationOutcome> done) {
        if (region == null) {
            return;
        }
        boolean confirmed = facts != null && facts.state() != null && facts.arn() != null;
        if (confirmed && "ScheduledForDeletion".equals(facts.state())) {
            add(
                    out,
                    Kind.RUN,
                    "Cancel the deletion (the secret becomes usable again)",
                    "aws secretsmanager restore-secret --secret-id %s --region " + region,
                    facts.arn());
        } else if (!confirmed) {
            add(
                    out,
                    Kind.RUN,
                    "Check its state first (Secrets Manager has not confirmed it; this never reads the value)",
                    "aws secretsmanager describe-secret --secret-id %s --region " + region,
                    ref.id());
        }
        String name = facts != null ? facts.name() : null;
        if (name != null && PASTABLE.matcher(name).matches()) {
            out.add(new Step(
                    Kind.OPEN,
                    "The secret in the Secrets Manager console",
                    console(region, "secretsmanager/secret?name=" + url(name) + "&region=" + region)));
        }
        String arn = confirmed ? facts.arn() : null;
        if (arn != null && acted(done, arn, ResourceType.SECRET.remediation())) {
            Integer days = facts.scheduling() != null ? facts.scheduling().windowDays() : null;
            add(
                    out,
                    Kind.UNDO,
                    "Trailhound cancelled the deletion; to schedule it again"
                            + (days == null ? " (the original window is unknown: 7 to 30 days)" : ""),
                    "aws secretsmanager delete-secret --secret-id %s --recovery-window-in-days "
                            + (days == null ? 7 : days) + " --region " + region,
                    arn);
        }
    }

    private static void key(
            List<Step> out, ResourceRef ref, ResourceFacts facts, String region, List<RemediationOutcome> done) {
        if (region == null) {
            return;
        }
        boolean confirmed = facts != null && facts.state() != null && facts.arn() != null;
        if (confirmed && "PendingDeletion".equals(facts.state())) {
            add(
                    out,
                    Kind.RUN,
                    "Cancel the deletion (the key is then Disabled)",
                    "aws kms cancel-key-deletion --key-id %s --region " + region,
                    facts.arn());
            add(
                    out,
                    Kind.RUN,
                    "Then enable it again",
                    "aws kms enable-key --key-id %s --region " + region,
                    facts.arn());
        } else if (!confirmed) {
            add(
                    out,
                    Kind.RUN,
                    "Check its state first (KMS has not confirmed it)",
                    "aws kms describe-key --key-id %s --region " + region,
                    ref.id());
        }
        String keyId = confirmed && facts.name() != null
                ? facts.name()
                : ref.id() == null ? null : ResourceType.KMS_KEY.shortId(ref.id());
        if (keyId != null && BARE.matcher(keyId).matches() && !keyId.startsWith("alias/")) {
            out.add(new Step(
                    Kind.OPEN,
                    "The key in the KMS console",
                    console(region, "kms/home?region=" + region + "#/kms/keys/" + url(keyId))));
        }
        String arn = confirmed ? facts.arn() : null;
        if (arn != null && acted(done, arn, ResourceType.KMS_KEY.remediation())) {
            if (acted(done, arn, "EnableKey")) {
                add(
                        out,
                        Kind.UNDO,
                        "Trailhound enabled the key again; to disable it",
                        "aws kms disable-key --key-id %s --region " + region,
                        arn);
            }
            Integer days = facts.scheduling() != null ? facts.scheduling().windowDays() : null;
            add(
                    out,
                    Kind.UNDO,
                    "Trailhound cancelled the deletion; to schedule it again"
                            + (days == null ? " (the original window is unknown: 7 to 30 days)" : ""),
                    "aws kms schedule-key-deletion --key-id %s --pending-window-in-days " + (days == null ? 30 : days)
                            + " --region " + region,
                    arn);
        }
    }

    private static void root(List<Step> out, Finding f) {
        out.add(new Step(
                Kind.RUN,
                "List the account's root credentials (password, MFA, access keys) in the credential report",
                "aws iam generate-credential-report && aws iam get-credential-report --query Content --output text"
                        + " | base64 --decode"));
        String key = f.caller().accessKeyId();
        if (f.root() != null
                && f.root().longTermAccessKey()
                && key != null
                && BARE.matcher(key).matches()) {
            out.add(new Step(
                    Kind.OPEN,
                    "Deactivate the root access key " + key
                            + " (only the root user can: sign in as root, Security credentials, Access keys)",
                    "https://console.aws.amazon.com/iam/home#/security_credentials"));
        } else if (f.root() != null
                && f.root().consoleSignIn()
                && !"Yes".equalsIgnoreCase(f.root().mfaUsed())) {
            out.add(new Step(
                    Kind.OPEN,
                    "The root user signed in without MFA: sign in as root and assign an MFA device",
                    "https://console.aws.amazon.com/iam/home#/security_credentials"));
        }
    }

    /** A step whose command holds {@code value} as one shell word; none when the value cannot be pasted safely. */
    private static void add(List<Step> out, Kind kind, String label, String command, String value) {
        String word = shellWord(value);
        if (word != null) {
            out.add(new Step(kind, label, command.replace("%s", word)));
        }
    }

    /** {@code value} as one shell word: bare when it holds only safe characters, else single-quoted; null when unsafe. */
    static String shellWord(String value) {
        if (value == null || value.isEmpty() || !PASTABLE.matcher(value).matches()) {
            return null;
        }
        if (BARE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static boolean acted(List<RemediationOutcome> done, String arn, String action) {
        return done.stream()
                .anyMatch(r -> r.status() == RemediationOutcome.Status.DONE
                        && action.equals(r.action())
                        && arn.equals(r.resource()));
    }

    private static String console(String region, String path) {
        return "https://" + region + ".console.aws.amazon.com/" + path;
    }

    private static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The log group of an event read with FilterLogEvents ("log group NAME, log stream STREAM"); null otherwise. */
    static String logGroup(String origin) {
        if (origin == null || !origin.startsWith("log group ")) {
            return null;
        }
        int end = origin.indexOf(", log stream ");
        return end < 0 ? null : origin.substring("log group ".length(), end);
    }

    /** The Logs Insights query for events of this group's kind: same source and API (and secret), newest first. */
    static String query(Finding f) {
        StringBuilder q = new StringBuilder(
                "fields @timestamp, eventName, userIdentity.arn, sourceIPAddress, errorCode, errorMessage");
        if (f.eventSource() != null && BARE.matcher(f.eventSource()).matches()) {
            q.append("\n| filter eventSource = \"").append(f.eventSource()).append('"');
        }
        if (f.eventName() != null && BARE.matcher(f.eventName()).matches()) {
            q.append("\n| filter eventName = \"").append(f.eventName()).append('"');
        }
        if (f.detection() == Detection.ROOT_USAGE) {
            q.append("\n| filter userIdentity.type = \"Root\"");
        }
        return q.append("\n| sort @timestamp desc").toString();
    }

    /**
     * The console's Logs Insights page with the window, the log group and the query filled in. The page keeps
     * its state after {@code #logsV2:logs-insights} as {@code ?queryDetail=~(key~'value…)}, the {@code ?} and
     * {@code =} escaped as {@code $3F} {@code $3D} and each value's characters other than letters, digits,
     * {@code -} and {@code .} as {@code *XX} (UTF-8, hex).
     */
    static String logsInsights(String region, String logGroup, TimeWindow window, String query) {
        return console(
                region,
                "cloudwatch/home?region=" + region + "#logsV2:logs-insights$3FqueryDetail$3D~(end~'"
                        + star(window.end().toString()) + "~start~'"
                        + star(window.start().toString())
                        + "~timeType~'ABSOLUTE~tz~'UTC~editorString~'" + star(query) + "~source~(~'" + star(logGroup)
                        + "))");
    }

    private static String star(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
                out.append((char) c);
            } else {
                out.append('*').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            }
        }
        return out.toString();
    }
}
