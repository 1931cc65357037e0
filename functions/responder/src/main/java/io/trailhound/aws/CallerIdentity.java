package io.trailhound.aws;

import io.trailhound.config.Arn;

/**
 * Who the function's own credentials are ({@code sts:GetCallerIdentity}, which needs no permission), asked
 * when first needed, not during init (SnapStart would keep the snapshot's answer), and kept once known.
 */
public final class CallerIdentity {
    private final AwsClients aws;
    private volatile String arn;

    public CallerIdentity(AwsClients aws) {
        this.aws = aws;
    }

    /** The caller's ARN; throws when STS cannot be asked (asked again next time). */
    public synchronized String arn() { // one call, however many scan threads ask at once
        String known = arn;
        if (known == null) {
            known = aws.callerArn();
            arn = known;
        }
        return known;
    }

    /** The caller's account ID; throws as {@link #arn()} does. */
    public String account() {
        return Arn.parse(arn())
                .map(Arn::accountId)
                .orElseThrow(
                        () -> new IllegalStateException("sts:GetCallerIdentity returned '" + arn + "', not an ARN"));
    }
}
