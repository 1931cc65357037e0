package io.trailhound.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.api.BackoffStrategy;

class AwsClientsTest {

    @Test
    void connectionsCarryOurTimeoutsAndConnectNothingYet() {
        HttpURLConnection c = AwsClients.openConnection(URI.create("http://127.0.0.1:1/"));
        assertThat(c.getConnectTimeout()).isEqualTo(3_000);
        assertThat(c.getReadTimeout()).isEqualTo(20_000);
    }

    @Test
    void httpsUsesTheJdkDefaultTlsContextAndHostNameChecks() {
        HttpURLConnection c = AwsClients.openConnection(URI.create("https://logs.us-east-1.amazonaws.com/"));
        assertThat(c).isInstanceOf(HttpsURLConnection.class);
        HttpsURLConnection https = (HttpsURLConnection) c;
        assertThat(https.getSSLSocketFactory()).isSameAs(HttpsURLConnection.getDefaultSSLSocketFactory());
        assertThat(https.getHostnameVerifier()).isSameAs(HttpsURLConnection.getDefaultHostnameVerifier());
    }

    @Test
    void retriesAreStandardWithAwsUpdatedBackoff() {
        assertThat(AwsClients.retryStrategy().maxAttempts()).isEqualTo(3);
        // full jitter: before attempt 2 (the first retry) up to the base, before attempt 3 up to twice the base
        assertThat(longestOf(AwsClients.TRANSIENT_BACKOFF, 2)).isBetween(Duration.ofMillis(40), Duration.ofMillis(50));
        assertThat(longestOf(AwsClients.TRANSIENT_BACKOFF, 3)).isBetween(Duration.ofMillis(80), Duration.ofMillis(100));
        assertThat(longestOf(AwsClients.THROTTLING_BACKOFF, 2))
                .isBetween(Duration.ofMillis(800), Duration.ofMillis(1_000));
    }

    private static Duration longestOf(BackoffStrategy backoff, int attempt) {
        Duration longest = Duration.ZERO;
        for (int i = 0; i < 2_000; i++) {
            Duration d = backoff.computeDelay(attempt);
            if (d.compareTo(longest) > 0) longest = d;
        }
        return longest;
    }
}
