package io.trailhound.remediate;

import io.trailhound.aws.AwsErrors;
import io.trailhound.aws.CallTimeouts;
import io.trailhound.aws.InAccount;
import io.trailhound.budget.Budget;
import io.trailhound.config.Arn;
import io.trailhound.config.Config;
import io.trailhound.detect.ResourceType;
import io.trailhound.remediate.RemediationOutcome.Status;
import io.trailhound.verify.AlarmCheck;
import io.trailhound.verify.EventConfirmer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Cancels deletions when the operator opted in: {@code RestoreSecret}, or {@code CancelKeyDeletion} (and
 * {@code EnableKey} when asked, since a cancelled key stays Disabled). The state is checked again right
 * before acting, so a repeated SNS delivery finds the resource restored and reports it as such. What may be
 * acted on at all is {@link RemediationGuard}'s decision.
 */
public final class AwsRemediator implements Remediator {
    /** A check and an action, with a retry each: less than this left and the resource is not touched. */
    static final java.time.Duration TIME_FOR_ONE = java.time.Duration.ofSeconds(2);

    private final boolean dryRun;
    private final RemediationGuard guard;
    private final EventConfirmer confirmer;
    private final boolean reenableKeys;
    private final InAccount<SecretsManagerClient> secrets;
    private final InAccount<KmsClient> kms;

    public AwsRemediator(
            Config config,
            InAccount<SecretsManagerClient> secrets,
            InAccount<KmsClient> kms,
            EventConfirmer confirmer) {
        this.dryRun = config.remediation() == Config.RemediationMode.DRY_RUN;
        this.guard = new RemediationGuard(config);
        this.confirmer = confirmer;
        this.reenableKeys = config.reenableKeys();
        this.secrets = secrets;
        this.kms = kms;
    }

    @Override
    public List<RemediationOutcome> remediate(
            List<Candidate> candidates,
            String accountId,
            AlarmCheck alarm,
            Budget budget,
            Consumer<RemediationOutcome> acted) {
        return guard.remediate(candidates, accountId, alarm, confirmer, budget, d -> {
            List<RemediationOutcome> done = act(d.candidate(), budget);
            for (RemediationOutcome o : done) {
                if (o.status() == Status.DONE || o.status() == Status.FAILED) {
                    acted.accept(o);
                }
            }
            return done;
        });
    }

    /** What the guard allowed, if there is time to do it safely: the state checked again, then the action. */
    private List<RemediationOutcome> act(Candidate c, Budget budget) {
        if (budget.remaining().compareTo(TIME_FOR_ONE) < 0) {
            return List.of(new RemediationOutcome(
                    c.name(), c.action(), Status.SKIPPED, "no time left in this invocation to act safely"));
        }
        // In the account and Region of the ARN the service returned (a member account through its role).
        String arn = c.facts().arn();
        String region = Arn.regionOf(arn).orElse(null); // null: the client's own Region
        String account = Arn.parse(arn).map(Arn::accountId).orElse(null);
        return switch (c.ref().type()) {
            case SECRET -> List.of(restoreSecret(arn, account, region, budget));
            case KMS_KEY -> cancelKeyDeletion(arn, account, region, budget);
            case NONE -> throw new IllegalArgumentException("a candidate names no resource");
        };
    }

    private RemediationOutcome restoreSecret(String arn, String account, String region, Budget budget) {
        try {
            SecretsManagerClient client = secrets.in(account, region);
            if (client.describeSecret(b -> b.secretId(arn)
                                    .overrideConfiguration(
                                            CallTimeouts.within(budget, "secretsmanager:DescribeSecret")))
                            .deletedDate()
                    == null) {
                return new RemediationOutcome(
                        arn, "RestoreSecret", Status.ALREADY_DONE, "the secret is no longer scheduled for deletion");
            }
            if (dryRun) {
                return new RemediationOutcome(arn, "RestoreSecret", Status.WOULD_DO, "dry run: nothing was changed");
            }
            client.restoreSecret(b ->
                    b.secretId(arn).overrideConfiguration(CallTimeouts.within(budget, "secretsmanager:RestoreSecret")));
            return new RemediationOutcome(
                    arn, "RestoreSecret", Status.DONE, "the deletion is cancelled; the secret is usable again");
        } catch (SdkException ex) {
            return new RemediationOutcome(
                    arn, "RestoreSecret", Status.FAILED, AwsErrors.describe("secretsmanager:RestoreSecret", ex));
        } catch (Budget.Exhausted ex) {
            return new RemediationOutcome(arn, "RestoreSecret", Status.SKIPPED, ex.getMessage());
        }
    }

    private List<RemediationOutcome> cancelKeyDeletion(String arn, String account, String region, Budget budget) {
        KmsClient client;
        // The key ID works everywhere the ARN does in the key's own Region (and is what moto accepts).
        String keyId = ResourceType.KMS_KEY.shortId(arn);
        List<RemediationOutcome> out = new ArrayList<>();
        try {
            client = kms.in(account, region);
            KeyState state = client.describeKey(
                            b -> b.keyId(keyId).overrideConfiguration(CallTimeouts.within(budget, "kms:DescribeKey")))
                    .keyMetadata()
                    .keyState();
            if (state != KeyState.PENDING_DELETION && state != KeyState.PENDING_REPLICA_DELETION) {
                out.add(new RemediationOutcome(
                        arn,
                        "CancelKeyDeletion",
                        Status.ALREADY_DONE,
                        "the key is " + state + ", not pending deletion"));
                return out;
            }
            if (dryRun) {
                out.add(new RemediationOutcome(
                        arn,
                        "CancelKeyDeletion",
                        Status.WOULD_DO,
                        "dry run: nothing was changed" + (reenableKeys ? "; EnableKey would follow" : "")));
                return out;
            }
            client.cancelKeyDeletion(
                    b -> b.keyId(keyId).overrideConfiguration(CallTimeouts.within(budget, "kms:CancelKeyDeletion")));
            out.add(new RemediationOutcome(
                    arn,
                    "CancelKeyDeletion",
                    Status.DONE,
                    "the deletion is cancelled; the key is Disabled until enabled"
                            + (reenableKeys ? "" : " (REENABLE_KEYS=false)")));
        } catch (SdkException ex) {
            out.add(new RemediationOutcome(
                    arn, "CancelKeyDeletion", Status.FAILED, AwsErrors.describe("kms:CancelKeyDeletion", ex)));
            return out;
        } catch (Budget.Exhausted ex) {
            out.add(new RemediationOutcome(arn, "CancelKeyDeletion", Status.SKIPPED, ex.getMessage()));
            return out;
        }
        if (reenableKeys) {
            try {
                client.enableKey(
                        b -> b.keyId(keyId).overrideConfiguration(CallTimeouts.within(budget, "kms:EnableKey")));
                out.add(new RemediationOutcome(arn, "EnableKey", Status.DONE, "the key is enabled again"));
            } catch (SdkException ex) {
                out.add(new RemediationOutcome(
                        arn, "EnableKey", Status.FAILED, AwsErrors.describe("kms:EnableKey", ex)));
            } catch (Budget.Exhausted ex) {
                out.add(new RemediationOutcome(arn, "EnableKey", Status.SKIPPED, ex.getMessage()));
            }
        }
        return out;
    }
}
