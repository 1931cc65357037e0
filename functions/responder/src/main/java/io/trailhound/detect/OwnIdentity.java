package io.trailhound.detect;

import io.trailhound.config.Config;
import io.trailhound.evidence.TrailEvent;
import java.util.function.Supplier;

/**
 * Trailhound's own calls, recognised by who made them: the identity it runs as (the Lambda's execution
 * role, the CLI's credentials, from {@code sts:GetCallerIdentity}) together with its user agent suffix. A
 * user agent alone is the caller's to choose, so it never decides: a record that merely says
 * {@code trailhound/} is an ordinary finding.
 */
public final class OwnIdentity {
    /** No identity known (offline): no record is Trailhound's own. */
    public static final OwnIdentity NONE = new OwnIdentity(() -> null);

    private final Supplier<String> callerArn;
    private volatile String arn;
    private volatile String problem;
    private volatile boolean resolved;

    /** @param callerArn the ARN {@code GetCallerIdentity} returns; asked once, when the first matching event needs it */
    public OwnIdentity(Supplier<String> callerArn) {
        this.callerArn = callerArn;
    }

    public boolean isOwn(TrailEvent e) {
        String agent = e.text("userAgent");
        if (agent == null || !agent.contains(Config.USER_AGENT)) {
            return false;
        }
        String own = arn();
        return own != null && sameIdentity(own, e.text("userIdentity", "arn"));
    }

    /** Why the identity is unknown when asking for it failed, else null. */
    public String problem() {
        return problem;
    }

    private String arn() {
        if (!resolved) {
            synchronized (this) {
                if (!resolved) {
                    try {
                        arn = callerArn.get();
                    } catch (RuntimeException e) {
                        problem = "Trailhound's own identity is unknown (sts:GetCallerIdentity failed: "
                                + e.getMessage() + "), so no event was treated as its own";
                    }
                    resolved = true;
                }
            }
        }
        return arn;
    }

    /**
     * The same principal: an assumed role by account and role name (each Lambda container has its own session,
     * named after the function), anything else by its exact ARN.
     */
    static boolean sameIdentity(String own, String recorded) {
        if (recorded == null) {
            return false;
        }
        String ownRole = assumedRole(own);
        return ownRole != null ? ownRole.equals(assumedRole(recorded)) : own.equals(recorded);
    }

    /** arn:aws:sts::123456789012:assumed-role/Name/session → arn:aws:sts::123456789012:assumed-role/Name/ */
    private static String assumedRole(String arn) {
        int at = arn.indexOf(":assumed-role/");
        if (at < 0) {
            return null;
        }
        int slash = arn.indexOf('/', at + ":assumed-role/".length());
        return slash < 0 ? null : arn.substring(0, slash + 1);
    }
}
