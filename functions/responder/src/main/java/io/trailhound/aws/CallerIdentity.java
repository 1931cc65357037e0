package io.trailhound.aws;

import io.trailhound.config.Arn;
import java.util.function.Supplier;

/**
 * Who the function's own credentials are ({@code sts:GetCallerIdentity}, which needs no permission), asked
 * when first needed, not during init (SnapStart would keep the snapshot's answer), and kept once known: one
 * call per container however many threads ask at once (the enrichment asks from one thread per account and
 * Region). A failure is kept until the next alarm begins, so an alarm asks at most once.
 */
public final class CallerIdentity implements AlarmScope {
    private final Supplier<String> ask;
    private volatile String arn;
    private RuntimeException failure;

    public CallerIdentity(AwsClients aws) {
        this(aws::callerArn);
    }

    /** @param ask GetCallerIdentity's ARN; may throw */
    CallerIdentity(Supplier<String> ask) {
        this.ask = ask;
    }

    @Override
    public synchronized void begin(String alarmName) {
        failure = null; // STS is asked again for this alarm if it did not answer for the last one
    }

    /** The caller's ARN; throws when STS cannot be asked (this alarm's failure, asked again next alarm). */
    public synchronized String arn() { // one call, however many scan threads ask at once
        String known = arn;
        if (known != null) {
            return known;
        }
        if (failure != null) {
            throw failure;
        }
        try {
            known = ask.get();
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
        arn = known;
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
