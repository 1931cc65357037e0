package io.trailhound.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArnTest {
    @Test
    void readsTheFieldsOfAnArn() {
        Arn arn = Arn.parse("arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf")
                .orElseThrow();
        assertThat(arn.region()).isEqualTo("eu-west-1");
        assertThat(arn.accountId()).isEqualTo("111122223333");
        assertThat(arn.resource()).isEqualTo("secret:prod/db-AbCdEf");
    }

    @Test
    void regionIsEmptyForGlobalResourcesAndNonArns() {
        assertThat(Arn.regionOf("arn:aws:iam::111122223333:role/app")).isEmpty();
        assertThat(Arn.regionOf("alias/app")).isEmpty();
        assertThat(Arn.regionOf("arn:aws:sns:us-east-1")).isEmpty();
        assertThat(Arn.regionOf(null)).isEmpty();
        assertThat(Arn.regionOf("arn:aws:sns:us-east-1:111122223333:alerts")).contains("us-east-1");
    }
}
