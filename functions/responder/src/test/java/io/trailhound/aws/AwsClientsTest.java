package io.trailhound.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;

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

    /** The hand-written 2026 backoff this project used before the SDK shipped its own (kept here to compare). */
    static RetryStrategy handWritten2026() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(50), Duration.ofSeconds(20)))
                .throttlingBackoffStrategy(
                        BackoffStrategy.exponentialDelay(Duration.ofSeconds(1), Duration.ofSeconds(20)))
                .build();
    }

    @Test
    void retriesWaitAsAwsUpdatedBackoffSaysAndAsTheHandWrittenBackoffDid() {
        assertThat(AwsClients.retryStrategy().maxAttempts()).isEqualTo(3);
        // full jitter: before attempt 2 (the first retry) up to the base, before attempt 3 up to twice the base
        for (Supplier<RetryStrategy> s :
                List.<Supplier<RetryStrategy>>of(AwsClients::retryStrategy, AwsClientsTest::handWritten2026)) {
            assertThat(longestDelay(s, TRANSIENT, 1)).isBetween(Duration.ofMillis(40), Duration.ofMillis(50));
            assertThat(longestDelay(s, TRANSIENT, 2)).isBetween(Duration.ofMillis(80), Duration.ofMillis(100));
            assertThat(longestDelay(s, THROTTLED, 1)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1_000));
        }
        // the SDK's default without AWS_NEW_RETRIES_2026 still starts from 100 ms: the reason it is asked for
        assertThat(longestDelay(AwsRetryStrategy::standardRetryStrategy, TRANSIENT, 1))
                .isGreaterThan(Duration.ofMillis(60));
    }

    static final SdkException TRANSIENT = AwsServiceException.builder()
            .statusCode(500)
            .awsErrorDetails(AwsErrorDetails.builder().build())
            .build();
    static final SdkException THROTTLED = AwsServiceException.builder()
            .statusCode(400)
            .awsErrorDetails(
                    AwsErrorDetails.builder().errorCode("ThrottlingException").build())
            .build();

    /** The longest wait the strategy chose, over many tries, before retry number {@code retry} after {@code failure}. */
    private static Duration longestDelay(Supplier<RetryStrategy> strategy, SdkException failure, int retry) {
        Duration longest = Duration.ZERO;
        for (int i = 0; i < 1_000; i++) {
            RetryStrategy fresh = strategy.get(); // a full retry quota each time
            RetryToken token = fresh.acquireInitialToken(AcquireInitialTokenRequest.create("test"))
                    .token();
            Duration delay = Duration.ZERO;
            for (int r = 1; r <= retry; r++) {
                RefreshRetryTokenResponse response = fresh.refreshRetryToken(RefreshRetryTokenRequest.builder()
                        .token(token)
                        .failure(failure)
                        .build());
                token = response.token();
                delay = response.delay();
            }
            if (delay.compareTo(longest) > 0) {
                longest = delay;
            }
        }
        return longest;
    }
}
