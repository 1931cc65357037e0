package io.trailhound.enrich;

import io.trailhound.aws.AwsErrors;
import io.trailhound.aws.CallTimeouts;
import io.trailhound.aws.InAccount;
import io.trailhound.budget.Budget;
import io.trailhound.concurrent.Await;
import io.trailhound.detect.ResourceRef;
import io.trailhound.detect.ResourceType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/**
 * Asks Secrets Manager ({@code DescribeSecret}, never the value) or KMS ({@code DescribeKey},
 * {@code ListAliases}, {@code ListResourceTags}) in the resource's account and region, and CloudTrail there
 * for who scheduled the deletion.
 */
public final class AwsEnricher implements Enricher {
    private final InAccount<SecretsManagerClient> secrets;
    private final InAccount<KmsClient> kms;
    private final ScheduleLookup schedules;

    public AwsEnricher(InAccount<SecretsManagerClient> secrets, InAccount<KmsClient> kms, ScheduleLookup schedules) {
        this.secrets = secrets;
        this.kms = kms;
        this.schedules = schedules;
    }

    /**
     * Who scheduled each deletion needs CloudTrail lookups, the slowest calls here, so each starts, on its
     * own thread, as soon as the scan finds a resource it serves: the first resource of a type and region is
     * looked up by its ResourceName (one resource: the fewest pages); a second one of that type and region
     * starts one lookup by event name that serves them all. The services are asked once the scan is done.
     */
    @Override
    public Session start(Budget budget) {
        return new Session() {
            private final Map<String, FutureTask<ScheduleLookup.Records>> lookups = new ConcurrentHashMap<>();
            private final Map<String, Set<String>> idsByTypeAndRegion = new ConcurrentHashMap<>();

            @Override
            public void found(ResourceRef resource) {
                if (resource.type() == ResourceType.NONE || resource.id() == null) {
                    return;
                }
                Set<String> ids =
                        idsByTypeAndRegion.computeIfAbsent(place(resource), k -> ConcurrentHashMap.newKeySet());
                // Records are scanned on several threads: adding and counting must be one step, or two first
                // resources of a type and region could each see the other and neither be looked up by name.
                int position;
                synchronized (ids) {
                    position = ids.add(resource.id()) ? ids.size() : 0;
                }
                if (position == 1) {
                    byName(resource);
                } else if (position > 1) {
                    byEvent(resource);
                }
            }

            /** The lookup that serves this resource: its own by ResourceName when it is alone of its type and region. */
            private FutureTask<ScheduleLookup.Records> lookup(ResourceRef r, Described d, Budget stage) {
                boolean alone = idsByTypeAndRegion.get(place(r)).size() == 1;
                if (!alone) {
                    return byEvent(r);
                }
                FutureTask<ScheduleLookup.Records> own = byName(r);
                try { // not found by name (CloudTrail may name it by ARN where the event used its name): ask by event
                    // name
                    ScheduleLookup.Records records = Await.result(own, "waiting for CloudTrail", stage.remaining());
                    if (ScheduleEvents.newest(records.records(), r.type(), d.ids())
                            .isPresent()) {
                        return own;
                    }
                } catch (RuntimeException e) {
                    return own; // its failure is reported as it is
                }
                return byEvent(r);
            }

            @Override
            public Map<ResourceRef, ResourceFacts> describeAll(List<ResourceRef> resources, Budget stage) {
                resources.forEach(this::found);
                Map<ResourceRef, Described> described = new LinkedHashMap<>();
                for (ResourceRef r : resources) {
                    described.put(
                            r,
                            stage.expired()
                                    ? notDescribed(r)
                                    : switch (r.type()) {
                                        case SECRET -> secret(r, stage);
                                        case KMS_KEY -> key(r, stage);
                                        case NONE -> new Described(ResourceFacts.NONE, Set.of());
                                    });
                }
                Map<ResourceRef, ResourceFacts> out = new LinkedHashMap<>();
                described.forEach((r, d) -> out.put(
                        r,
                        r.type() == ResourceType.NONE ? d.facts() : withScheduling(r, d, lookup(r, d, stage), stage)));
                return out;
            }

            private FutureTask<ScheduleLookup.Records> byName(ResourceRef r) {
                return started(place(r) + " named " + r.id(), r, r.id());
            }

            private FutureTask<ScheduleLookup.Records> byEvent(ResourceRef r) {
                return started(place(r), r, null);
            }

            private FutureTask<ScheduleLookup.Records> started(String key, ResourceRef r, String resourceName) {
                return lookups.computeIfAbsent(key, k -> {
                    FutureTask<ScheduleLookup.Records> task = new FutureTask<>(
                            () -> schedules.schedulingRecords(r.type(), r.account(), r.region(), resourceName, budget));
                    Thread.ofPlatform().daemon().name("trailhound-lookup-" + k).start(task);
                    return task;
                });
            }
        };
    }

    /** Type, account and Region: one CloudTrail event history and one lookup by event name serve them all. */
    private static String place(ResourceRef r) {
        return r.type() + "@" + (r.account() == null ? "" : r.account() + "/") + r.region();
    }

    /** The service's answer, before the scheduling; {@code ids} are every name the resource is known by. */
    private record Described(ResourceFacts facts, Set<String> ids) {}

    private static ResourceFacts withScheduling(
            ResourceRef ref, Described d, FutureTask<ScheduleLookup.Records> lookup, Budget stage) {
        try {
            ScheduleLookup.Records records = Await.result(lookup, "waiting for CloudTrail", stage.remaining());
            Optional<Scheduling> found = ScheduleEvents.newest(records.records(), ref.type(), d.ids());
            String none = "who scheduled the deletion: no " + ref.type().schedulingEvent() + " event for it "
                    + (records.incomplete() == null
                            ? "in CloudTrail's last 31 days"
                            : "found; " + records.incomplete());
            return d.facts().withScheduling(found.orElse(null), found.isPresent() ? null : none);
        } catch (SdkException e) {
            return d.facts()
                    .withScheduling(
                            null, "who scheduled the deletion: " + AwsErrors.describe("cloudtrail:LookupEvents", e));
        } catch (Budget.Exhausted e) {
            return d.facts()
                    .withScheduling(
                            null,
                            "who scheduled the deletion: not known, CloudTrail's LookupEvents did not answer"
                                    + " within the enrichment's share of the time");
        }
    }

    /** A resource the enrichment had no time left for: known only by what the event said. */
    private static Described notDescribed(ResourceRef ref) {
        return new Described(
                new ResourceFacts(
                        ref.id() != null && ref.id().startsWith("arn:") ? ref.id() : null,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        Map.of(),
                        null,
                        List.of(NO_TIME)),
                Set.of(ref.id()));
    }

    private Described secret(ResourceRef ref, Budget budget) {
        List<String> unknowns = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        ids.add(ref.id());
        DescribeSecretResponse d = null;
        try {
            d = secrets.in(ref.account(), ref.region())
                    .describeSecret(b -> b.secretId(ref.id())
                            .overrideConfiguration(CallTimeouts.within(budget, "secretsmanager:DescribeSecret")));
            ids.add(d.arn());
            ids.add(d.name());
        } catch (SdkException e) {
            unknowns.add(
                    AwsErrors.isNotFound(e)
                            ? "secret not found by DescribeSecret: it may already be deleted for good"
                            : AwsErrors.describe("secretsmanager:DescribeSecret", e));
        } catch (Budget.Exhausted e) {
            return notDescribed(ref);
        }
        if (d == null) {
            return new Described(
                    new ResourceFacts(null, ref.id(), null, null, null, List.of(), Map.of(), null, unknowns), ids);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        d.tags().forEach(t -> tags.put(t.key(), t.value()));
        String state = d.deletedDate() != null ? "ScheduledForDeletion" : "Active";
        return new Described(
                new ResourceFacts(
                        d.arn(), d.name(), state, d.deletedDate(), d.description(), List.of(), tags, null, unknowns),
                ids);
    }

    private Described key(ResourceRef ref, Budget budget) {
        List<String> unknowns = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        ids.add(ref.type().lookupId(ref.id()));
        KmsClient client = null;
        KeyMetadata k = null;
        try {
            client = kms.in(ref.account(), ref.region());
            k = client.describeKey(b ->
                            b.keyId(ref.id()).overrideConfiguration(CallTimeouts.within(budget, "kms:DescribeKey")))
                    .keyMetadata();
            ids.add(k.keyId());
        } catch (SdkException e) {
            unknowns.add(
                    AwsErrors.isNotFound(e)
                            ? "key not found by DescribeKey: it may already be deleted for good"
                            : AwsErrors.describe("kms:DescribeKey", e));
        } catch (Budget.Exhausted e) {
            return notDescribed(ref);
        }
        List<String> aliases = new ArrayList<>();
        if (k != null) {
            String keyId = k.keyId();
            try {
                client.listAliasesPaginator(b ->
                                b.keyId(keyId).overrideConfiguration(CallTimeouts.within(budget, "kms:ListAliases")))
                        .aliases()
                        .forEach(a -> aliases.add(a.aliasName()));
            } catch (SdkException e) {
                unknowns.add(AwsErrors.describe("kms:ListAliases", e));
            } catch (Budget.Exhausted e) {
                unknowns.add("aliases: not asked, the enrichment's share of the time ran out");
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (k != null) {
            String keyId = k.keyId();
            try {
                client.listResourceTagsPaginator(b -> b.keyId(keyId)
                                .overrideConfiguration(CallTimeouts.within(budget, "kms:ListResourceTags")))
                        .tags()
                        .forEach(t -> tags.put(t.tagKey(), t.tagValue()));
            } catch (SdkException e) {
                unknowns.add(AwsErrors.describe("kms:ListResourceTags", e));
            } catch (Budget.Exhausted e) {
                unknowns.add("tags: not asked, the enrichment's share of the time ran out");
            }
        }
        if (k == null) {
            return new Described(
                    new ResourceFacts(
                            ref.id().startsWith("arn:") ? ref.id() : null,
                            null,
                            null,
                            null,
                            null,
                            aliases,
                            Map.of(),
                            null,
                            unknowns),
                    ids);
        }
        return new Described(
                new ResourceFacts(
                        k.arn(),
                        k.keyId(),
                        k.keyStateAsString(),
                        k.deletionDate(),
                        k.description(),
                        aliases,
                        tags,
                        null,
                        unknowns),
                ids);
    }
}
