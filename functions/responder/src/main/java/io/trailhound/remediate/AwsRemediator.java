package io.trailhound.remediate;

import io.trailhound.aws.AwsErrors;
import io.trailhound.config.Arn;
import io.trailhound.config.Config;
import io.trailhound.detect.ResourceRef;
import io.trailhound.enrich.ResourceFacts;
import io.trailhound.enrich.ScheduleEvents;
import io.trailhound.remediate.RemediationOutcome.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Cancels deletions when the operator opted in: {@code RestoreSecret}, or {@code CancelKeyDeletion} (and
 * {@code EnableKey} when asked, since a cancelled key stays Disabled). The state is checked again right
 * before acting, so a repeated SNS delivery finds the resource restored and reports it as such.
 */
public final class AwsRemediator implements Remediator {
    private final Config.RemediationMode mode;
    private final RemediationPolicy policy;
    private final int maxActions;
    private final boolean reenableKeys;
    private final Function<String, SecretsManagerClient> secrets;
    private final Function<String, KmsClient> kms;

    public AwsRemediator(Config config, Function<String, SecretsManagerClient> secrets, Function<String, KmsClient> kms) {
        this.mode = config.remediation();
        this.policy = RemediationPolicy.from(config);
        this.maxActions = config.remediationMaxActions();
        this.reenableKeys = config.reenableKeys();
        this.secrets = secrets;
        this.kms = kms;
    }

    @Override
    public List<RemediationOutcome> remediate(Map<ResourceRef, ResourceFacts> resources, String accountId) {
        List<RemediationOutcome> out = new ArrayList<>();
        if (mode == Config.RemediationMode.OFF) {
            return out;
        }
        int actions = 0;
        for (Map.Entry<ResourceRef, ResourceFacts> e : resources.entrySet()) {
            ResourceRef ref = e.getKey();
            ResourceFacts facts = e.getValue();
            String action = ref.type() == ResourceRef.Type.SECRET ? "RestoreSecret" : "CancelKeyDeletion";
            String name = facts.arn() != null ? facts.arn() : ref.id();
            Optional<String> refusal = policy.refusal(facts, accountId);
            if (refusal.isPresent()) {
                out.add(new RemediationOutcome(name, action, Status.SKIPPED, refusal.get()));
                continue;
            }
            if (actions >= maxActions) {
                out.add(new RemediationOutcome(name, action, Status.SKIPPED, "the cap of " + maxActions + " action(s) per invocation is reached"));
                continue;
            }
            actions++;
            String region = Arn.regionOf(facts.arn());
            if (ref.type() == ResourceRef.Type.SECRET) {
                out.add(restoreSecret(facts.arn(), region));
            } else {
                out.addAll(cancelKeyDeletion(facts.arn(), region));
            }
        }
        return out;
    }

    private RemediationOutcome restoreSecret(String arn, String region) {
        SecretsManagerClient client = secrets.apply(region);
        try {
            if (client.describeSecret(b -> b.secretId(arn)).deletedDate() == null) {
                return new RemediationOutcome(arn, "RestoreSecret", Status.ALREADY_DONE, "the secret is no longer scheduled for deletion");
            }
            if (mode == Config.RemediationMode.DRY_RUN) {
                return new RemediationOutcome(arn, "RestoreSecret", Status.WOULD_DO, "dry run: nothing was changed");
            }
            client.restoreSecret(b -> b.secretId(arn));
            return new RemediationOutcome(arn, "RestoreSecret", Status.DONE, "the deletion is cancelled; the secret is usable again");
        } catch (SdkException ex) {
            return new RemediationOutcome(arn, "RestoreSecret", Status.FAILED, AwsErrors.describe("secretsmanager:RestoreSecret", ex));
        }
    }

    private List<RemediationOutcome> cancelKeyDeletion(String arn, String region) {
        KmsClient client = kms.apply(region);
        // The key ID works everywhere the ARN does in the key's own Region (and is what moto accepts).
        String keyId = ScheduleEvents.keyId(arn);
        List<RemediationOutcome> out = new ArrayList<>();
        try {
            KeyState state = client.describeKey(b -> b.keyId(keyId)).keyMetadata().keyState();
            if (state != KeyState.PENDING_DELETION && state != KeyState.PENDING_REPLICA_DELETION) {
                out.add(new RemediationOutcome(arn, "CancelKeyDeletion", Status.ALREADY_DONE, "the key is " + state + ", not pending deletion"));
                return out;
            }
            if (mode == Config.RemediationMode.DRY_RUN) {
                out.add(new RemediationOutcome(arn, "CancelKeyDeletion", Status.WOULD_DO, "dry run: nothing was changed"
                        + (reenableKeys ? "; EnableKey would follow" : "")));
                return out;
            }
            client.cancelKeyDeletion(b -> b.keyId(keyId));
            out.add(new RemediationOutcome(arn, "CancelKeyDeletion", Status.DONE,
                    "the deletion is cancelled; the key is Disabled until enabled" + (reenableKeys ? "" : " (REENABLE_KEYS=false)")));
        } catch (SdkException ex) {
            out.add(new RemediationOutcome(arn, "CancelKeyDeletion", Status.FAILED, AwsErrors.describe("kms:CancelKeyDeletion", ex)));
            return out;
        }
        if (reenableKeys) {
            try {
                client.enableKey(b -> b.keyId(keyId));
                out.add(new RemediationOutcome(arn, "EnableKey", Status.DONE, "the key is enabled again"));
            } catch (SdkException ex) {
                out.add(new RemediationOutcome(arn, "EnableKey", Status.FAILED, AwsErrors.describe("kms:EnableKey", ex)));
            }
        }
        return out;
    }
}
