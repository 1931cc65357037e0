package io.trailhound.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegionsTest {
    @Test
    void knowsTheSdksRegionsButNotGlobalOrMadeUpOnes() {
        assertThat(Regions.isKnown("us-east-1")).isTrue();
        assertThat(Regions.isKnown("cn-north-1")).isTrue();
        assertThat(Regions.isKnown("aws-global")).as("a global pseudo-Region").isFalse();
        assertThat(Regions.isKnown("us-east-99")).isFalse();
        assertThat(Regions.isKnown("")).isFalse();
        assertThat(Regions.isKnown(null)).isFalse();
    }

    @Test
    void readsDisplayNamesOldAndNew() {
        assertThat(Regions.codeOf("US West (Oregon)")).contains("us-west-2");
        assertThat(Regions.codeOf("US West - Oregon")).contains("us-west-2");
        assertThat(Regions.codeOf("EU (Ireland)")).contains("eu-west-1");
        assertThat(Regions.codeOf("US East (N. Virginia)")).contains("us-east-1");
        assertThat(Regions.codeOf("EXAMPLE")).isEmpty();
        assertThat(Regions.codeOf(null)).isEmpty();
    }

    @Test
    void aCodeHasTheFormOfOne() {
        assertThat(Regions.isCode("us-gov-west-1")).isTrue();
        assertThat(Regions.isCode("REGION")).isFalse();
        assertThat(Regions.isCode("us-east")).isFalse();
        assertThat(Regions.isCode(null)).isFalse();
    }
}
