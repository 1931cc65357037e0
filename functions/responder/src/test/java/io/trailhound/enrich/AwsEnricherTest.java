package io.trailhound.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.budget.Budget;
import io.trailhound.detect.ResourceRef;
import io.trailhound.detect.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When the CloudTrail lookups start. The Secrets Manager and KMS calls themselves are covered against moto
 * (tests module); here the service clients must not even be asked for, which proves the lookups began
 * before them.
 */
class AwsEnricherTest {
    final Map<String, Integer> lookups = new ConcurrentHashMap<>();
    final CountDownLatch twoLookups = new CountDownLatch(2);
    final CountDownLatch threeLookups = new CountDownLatch(3);
    final AwsEnricher enricher = new AwsEnricher(
            region -> {
                throw new AssertionError("Secrets Manager asked before the scan ended");
            },
            region -> {
                throw new AssertionError("KMS asked before the scan ended");
            },
            (type, region, resourceName, budget) -> {
                lookups.merge(
                        type + "@" + region + (resourceName == null ? "" : " named " + resourceName), 1, Integer::sum);
                twoLookups.countDown();
                threeLookups.countDown();
                return ScheduleLookup.Records.all(List.of());
            });
    static final Budget UNLIMITED = Budget.unlimited(java.time.Clock.systemUTC());

    @Test
    void lookupsStartWhileTheScanGoesOnByNameForTheFirstResourceAndByEventForTheOthers() throws Exception {
        Enricher.Session session = enricher.start(UNLIMITED);
        session.found(new ResourceRef(ResourceType.SECRET, "prod/db", "us-east-1"));
        session.found(new ResourceRef(ResourceType.SECRET, "prod/db", "us-east-1"));
        session.found(new ResourceRef(ResourceType.SECRET, "prod/cache", "us-east-1"));
        session.found(new ResourceRef(ResourceType.KMS_KEY, "1234abcd-12ab-34cd-56ef-1234567890ab", "us-east-1"));
        session.found(ResourceRef.NONE);

        assertThat(threeLookups.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(50); // a fourth lookup, if one were wrongly started, would show now
        assertThat(lookups)
                .isEqualTo(Map.of(
                        "SECRET@us-east-1 named prod/db",
                        1,
                        "SECRET@us-east-1",
                        1,
                        "KMS_KEY@us-east-1 named 1234abcd-12ab-34cd-56ef-1234567890ab",
                        1));
    }

    @Test
    void eachAlarmHasItsOwnLookups() throws Exception {
        ResourceRef secret = new ResourceRef(ResourceType.SECRET, "prod/db", "eu-west-1");
        enricher.start(UNLIMITED).found(secret);
        enricher.start(UNLIMITED).found(secret); // a later alarm (a warm Lambda) must not reuse an earlier answer
        assertThat(twoLookups.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(lookups).isEqualTo(Map.of("SECRET@eu-west-1 named prod/db", 2));
    }
}
