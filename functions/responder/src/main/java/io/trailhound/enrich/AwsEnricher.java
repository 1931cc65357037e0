package io.trailhound.enrich;

import io.trailhound.aws.AwsErrors;
import io.trailhound.detect.ResourceRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/**
 * Asks Secrets Manager ({@code DescribeSecret}, never the value) or KMS ({@code DescribeKey},
 * {@code ListAliases}) in the resource's region, then CloudTrail for who scheduled the deletion.
 */
public final class AwsEnricher implements Enricher {
    private final Function<String, SecretsManagerClient> secrets;
    private final Function<String, KmsClient> kms;
    private final ScheduleLookup schedules;

    public AwsEnricher(Function<String, SecretsManagerClient> secrets, Function<String, KmsClient> kms, ScheduleLookup schedules) {
        this.secrets = secrets;
        this.kms = kms;
        this.schedules = schedules;
    }

    @Override
    public ResourceFacts describe(ResourceRef resource) {
        return switch (resource.type()) {
            case SECRET -> secret(resource);
            case KMS_KEY -> key(resource);
            case NONE -> ResourceFacts.NONE;
        };
    }

    private ResourceFacts secret(ResourceRef ref) {
        List<String> unknowns = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        ids.add(ref.id());
        DescribeSecretResponse d = null;
        try {
            d = secrets.apply(ref.region()).describeSecret(b -> b.secretId(ref.id()));
            ids.add(d.arn());
            ids.add(d.name());
        } catch (SdkException e) {
            unknowns.add(AwsErrors.isNotFound(e)
                    ? "secret not found by DescribeSecret: it may already be deleted for good"
                    : AwsErrors.describe("secretsmanager:DescribeSecret", e));
        }
        Scheduling scheduling = lookup(ref, ids, unknowns);
        if (d == null) {
            return new ResourceFacts(null, ref.id(), null, null, null, List.of(), Map.of(), scheduling, unknowns);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        d.tags().forEach(t -> tags.put(t.key(), t.value()));
        String state = d.deletedDate() != null ? "ScheduledForDeletion" : "Active";
        return new ResourceFacts(d.arn(), d.name(), state, d.deletedDate(), d.description(), List.of(), tags, scheduling, unknowns);
    }

    private ResourceFacts key(ResourceRef ref) {
        List<String> unknowns = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        ids.add(ScheduleEvents.keyId(ref.id()));
        KmsClient client = kms.apply(ref.region());
        KeyMetadata k = null;
        try {
            k = client.describeKey(b -> b.keyId(ref.id())).keyMetadata();
            ids.add(k.keyId());
        } catch (SdkException e) {
            unknowns.add(AwsErrors.isNotFound(e)
                    ? "key not found by DescribeKey: it may already be deleted for good"
                    : AwsErrors.describe("kms:DescribeKey", e));
        }
        List<String> aliases = new ArrayList<>();
        if (k != null) {
            String keyId = k.keyId();
            try {
                client.listAliasesPaginator(b -> b.keyId(keyId)).aliases().forEach(a -> aliases.add(a.aliasName()));
            } catch (SdkException e) {
                unknowns.add(AwsErrors.describe("kms:ListAliases", e));
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (k != null) {
            String keyId = k.keyId();
            try {
                client.listResourceTagsPaginator(b -> b.keyId(keyId)).tags().forEach(t -> tags.put(t.tagKey(), t.tagValue()));
            } catch (SdkException e) {
                unknowns.add(AwsErrors.describe("kms:ListResourceTags", e));
            }
        }
        Scheduling scheduling = lookup(ref, ids, unknowns);
        if (k == null) {
            return new ResourceFacts(ref.id().startsWith("arn:") ? ref.id() : null, null, null, null, null, aliases, Map.of(),
                    scheduling, unknowns);
        }
        return new ResourceFacts(k.arn(), k.keyId(), k.keyStateAsString(), k.deletionDate(), k.description(), aliases,
                tags, scheduling, unknowns);
    }

    private Scheduling lookup(ResourceRef ref, Set<String> ids, List<String> unknowns) {
        try {
            Optional<Scheduling> found = schedules.find(ref, ids);
            if (found.isEmpty()) {
                unknowns.add("who scheduled the deletion: no " + ScheduleEvents.eventNameFor(ref.type())
                        + " event for it in CloudTrail's last 31 days");
            }
            return found.orElse(null);
        } catch (SdkException e) {
            unknowns.add("who scheduled the deletion: " + AwsErrors.describe("cloudtrail:LookupEvents", e));
            return null;
        }
    }
}
