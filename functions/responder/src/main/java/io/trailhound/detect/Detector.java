package io.trailhound.detect;

import io.trailhound.config.Arn;
import io.trailhound.evidence.TrailEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Classifies a matching CloudTrail record by what it says, whatever the filter that found it. */
public final class Detector {
    /** KMS says "<key ARN> is pending deletion." (or "… is pending replica deletion."). */
    private static final Pattern KMS_ARN_IN_MESSAGE = Pattern.compile(
            "(arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+) is pending (?:replica )?deletion");

    private Detector() {}

    public static Finding classify(TrailEvent e) {
        String source = e.text("eventSource");
        String message = e.text("errorMessage");
        Detection detection;
        ResourceRef resource;
        if ("secretsmanager.amazonaws.com".equals(source)
                && message != null
                && message.contains("marked for deletion")) {
            detection = Detection.SECRET_MARKED_FOR_DELETION;
            resource = located(detection.resourceType, FieldCap.id(e.text("requestParameters", "secretId")), e);
        } else if (source != null
                && source.startsWith("kms")
                && message != null
                && message.contains("pending")
                && message.contains("deletion")) {
            detection = Detection.KMS_KEY_PENDING_DELETION;
            resource = located(detection.resourceType, FieldCap.id(kmsKey(e, message)), e);
        } else if ("Root".equals(e.text("userIdentity", "type"))) {
            detection = Detection.ROOT_USAGE;
            resource = ResourceRef.NONE;
        } else {
            detection = Detection.GENERIC;
            resource = ResourceRef.NONE;
        }
        Caller caller = Caller.from(e.record().path("userIdentity"));
        return new Finding(
                detection,
                resource,
                caller,
                FieldCap.id(source),
                FieldCap.id(e.text("eventName")),
                e.eventTime(),
                FieldCap.id(e.eventId()),
                FieldCap.id(e.text("sourceIPAddress")),
                FieldCap.text(e.text("userAgent")),
                FieldCap.id(e.text("errorCode")),
                FieldCap.text(message),
                resources(e),
                detection == Detection.ROOT_USAGE ? rootDetails(e, caller) : null,
                FieldCap.text(e.origin()));
    }

    /**
     * Where the resource lives: an ARN says its Region and account itself (a multi-Region key's replica is
     * named by the replica's ARN); a name or key ID lives in the Region of the call and the account that
     * received it ({@code recipientAccountId}: in an organization trail, the member account). Both are capped
     * like any identifier and checked by {@link RecordCheck} before any client is built for them.
     */
    private static ResourceRef located(ResourceType type, String id, TrailEvent e) {
        var arn = Arn.parse(id);
        String region = arn.map(Arn::region).filter(r -> !r.isEmpty()).orElse(e.text("awsRegion"));
        String account = arn.map(Arn::accountId).filter(a -> !a.isEmpty()).orElse(e.text("recipientAccountId"));
        return new ResourceRef(type, id, FieldCap.id(region), FieldCap.id(account));
    }

    /** The ARNs CloudTrail lists in {@code resources[]} (at most ten). */
    private static List<String> resources(TrailEvent e) {
        List<String> arns = new ArrayList<>();
        for (var r : e.record().path("resources")) {
            if (r.hasNonNull("ARN") && arns.size() < 10) {
                arns.add(FieldCap.id(r.get("ARN").asText()));
            }
        }
        return arns;
    }

    private static String kmsKey(TrailEvent e, String message) {
        Matcher m = KMS_ARN_IN_MESSAGE.matcher(message);
        if (m.find()) {
            return m.group(1);
        }
        for (var r : e.record().path("resources")) {
            if ("AWS::KMS::Key".equals(r.path("type").asText()) && r.hasNonNull("ARN")) {
                return r.get("ARN").asText();
            }
        }
        return e.text("requestParameters", "keyId");
    }

    private static Finding.RootDetails rootDetails(TrailEvent e, Caller caller) {
        boolean console = "ConsoleLogin".equals(e.text("eventName")) || "AwsConsoleSignIn".equals(e.text("eventType"));
        String mfa = e.text("additionalEventData", "MFAUsed");
        if (mfa == null) {
            mfa = e.text("userIdentity", "sessionContext", "attributes", "mfaAuthenticated");
        }
        mfa = FieldCap.id(mfa);
        String key = caller.accessKeyId();
        // AKIA… is a long-term key; ASIA… is temporary (console sessions, STS).
        return new Finding.RootDetails(console, mfa, key != null && key.startsWith("AKIA"));
    }
}
