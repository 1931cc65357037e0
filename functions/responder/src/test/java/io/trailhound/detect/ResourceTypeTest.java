package io.trailhound.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourceTypeTest {
    static final String KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-Ab12Cd";

    @Test
    void eachTypeKnowsItsSchedulingEventWindowAndRemediation() {
        assertThat(ResourceType.SECRET.schedulingEvent()).isEqualTo("DeleteSecret");
        assertThat(ResourceType.SECRET.windowField()).isEqualTo("recoveryWindowInDays");
        assertThat(ResourceType.SECRET.remediation()).isEqualTo("RestoreSecret");
        assertThat(ResourceType.KMS_KEY.schedulingEvent()).isEqualTo("ScheduleKeyDeletion");
        assertThat(ResourceType.KMS_KEY.windowField()).isEqualTo("pendingWindowInDays");
        assertThat(ResourceType.KMS_KEY.remediation()).isEqualTo("CancelKeyDeletion");
    }

    @Test
    void noneHasNoSchedulingEventRatherThanAKeysOne() {
        assertThatThrownBy(ResourceType.NONE::schedulingEvent)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NONE");
        assertThatThrownBy(ResourceType.NONE::remediation).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSchedulingEventNamesItsType() {
        assertThat(ResourceType.scheduledBy("DeleteSecret")).contains(ResourceType.SECRET);
        assertThat(ResourceType.scheduledBy("ScheduleKeyDeletion")).contains(ResourceType.KMS_KEY);
        assertThat(ResourceType.scheduledBy("GetSecretValue")).isEmpty();
        assertThat(ResourceType.scheduledBy(null)).isEmpty();
    }

    @Test
    void shortIdIsTheResourcePartOfAnArnAndAnythingElseAsItIs() {
        assertThat(ResourceType.KMS_KEY.shortId(KEY_ARN)).isEqualTo("1234abcd-12ab-34cd-56ef-1234567890ab");
        assertThat(ResourceType.KMS_KEY.shortId("alias/app")).isEqualTo("alias/app");
        assertThat(ResourceType.SECRET.shortId(SECRET_ARN)).isEqualTo("prod/db-Ab12Cd");
        assertThat(ResourceType.SECRET.shortId("prod/db")).isEqualTo("prod/db");
        assertThat(ResourceType.SECRET.shortId(null)).isNull();
    }

    @Test
    void keysAreLookedUpByKeyIdSecretsAsGiven() {
        assertThat(ResourceType.KMS_KEY.lookupId(KEY_ARN)).isEqualTo("1234abcd-12ab-34cd-56ef-1234567890ab");
        assertThat(ResourceType.SECRET.lookupId(SECRET_ARN)).isEqualTo(SECRET_ARN);
    }

    @Test
    void aSecretsNameDropsTheSuffixAwsAddsToItsArn() {
        assertThat(ResourceType.secretName(SECRET_ARN)).isEqualTo("prod/db");
        assertThat(ResourceType.secretName("prod/db-Ab12Cd")).isEqualTo("prod/db-Ab12Cd"); // a name, not an ARN
        assertThat(ResourceType.secretName(null)).isNull();
    }

    @Test
    void theSubjectNamesTheTypeTheShortIdAndThePendingState() {
        assertThat(ResourceType.SECRET.inSubject(SECRET_ARN))
                .isEqualTo("secret prod/db-Ab12Cd (scheduled for deletion)");
        assertThat(ResourceType.KMS_KEY.inSubject(KEY_ARN))
                .isEqualTo("KMS key 1234abcd-12ab-34cd-56ef-1234567890ab (pending deletion)");
        assertThat(ResourceType.KMS_KEY.inSubject(null)).isEqualTo("KMS key (unknown) (pending deletion)");
    }

    @Test
    void everyResourceDetectionNamesItsType() {
        assertThat(Detection.SECRET_MARKED_FOR_DELETION.resourceType).isEqualTo(ResourceType.SECRET);
        assertThat(Detection.KMS_KEY_PENDING_DELETION.resourceType).isEqualTo(ResourceType.KMS_KEY);
        assertThat(Detection.ROOT_USAGE.resourceType).isEqualTo(ResourceType.NONE);
    }
}
