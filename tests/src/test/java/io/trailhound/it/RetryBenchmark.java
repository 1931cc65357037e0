package io.trailhound.it;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Benchmark 7 (bench/run --only retries): the waits between attempts, measured at {@link FaultProxy} in front
 * of moto, for the retry strategy the function uses (the SDK's own 2026 retry update,
 * {@code standardRetryStrategy(true)}), the hand-written backoff it replaced, and the SDK's default. Each trial
 * is a fresh client (a full retry quota) whose DescribeSecret fails twice with HTTP 500, or once with
 * throttling, then succeeds; the gaps are between the proxy's arrival times, so they include the round trip.
 */
public final class RetryBenchmark {
    private RetryBenchmark() {}

    static RetryStrategy handWritten2026() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(50), Duration.ofSeconds(20)))
                .throttlingBackoffStrategy(
                        BackoffStrategy.exponentialDelay(Duration.ofSeconds(1), Duration.ofSeconds(20)))
                .build();
    }

    public static void run(int trials) throws Exception {
        System.out.println("\n7. Retries: waits between attempts at the fault proxy (" + trials
                + " fresh clients per row; median / max, ms)");
        Map<String, Supplier<RetryStrategy>> strategies = new java.util.LinkedHashMap<>();
        strategies.put("SDK standardRetryStrategy(true) (used)", () -> AwsRetryStrategy.standardRetryStrategy(true));
        strategies.put("hand-written 50 ms / 1 s (replaced)", RetryBenchmark::handWritten2026);
        strategies.put("SDK default (no AWS_NEW_RETRIES_2026)", AwsRetryStrategy::standardRetryStrategy);
        MotoServer moto = new MotoServer();
        moto.beforeAll(null);
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
            Aws aws = new Aws(moto);
            aws.secrets.createSecret(b -> b.name("retry-bench").secretString("v"));
            System.out.printf(
                    "   %-40s %9s %9s %9s %9s %9s %9s%n",
                    "strategy", "5xx #1", "max", "5xx #2", "max", "throttle", "max");
            for (Map.Entry<String, Supplier<RetryStrategy>> s : strategies.entrySet()) {
                double[] first = new double[trials];
                double[] second = new double[trials];
                double[] throttled = new double[trials];
                for (int i = 0; i < trials; i++) {
                    double[] gaps = gaps(proxy, s.getValue().get(), 500, "InternalFailure", 2);
                    first[i] = gaps[0];
                    second[i] = gaps[1];
                    throttled[i] = gaps(proxy, s.getValue().get(), 400, "ThrottlingException", 1)[0];
                }
                System.out.printf(
                        "   %-40s %9.0f %9.0f %9.0f %9.0f %9.0f %9.0f%n",
                        s.getKey(),
                        median(first),
                        max(first),
                        median(second),
                        max(second),
                        median(throttled),
                        max(throttled));
            }
        } finally {
            moto.afterAll(null);
        }
    }

    /** The gaps (ms) between the attempts of one DescribeSecret whose first {@code failures} attempts fail. */
    private static double[] gaps(FaultProxy proxy, RetryStrategy strategy, int status, String error, int failures) {
        String target = "secretsmanager.DescribeSecret";
        int before = proxy.callTimes(target).size();
        proxy.fail(target, failures, status, error, "injected");
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .endpointOverride(URI.create(proxy.endpoint()))
                .region(Region.of(MotoServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(strategy))
                .build()) {
            client.describeSecret(b -> b.secretId("retry-bench"));
        }
        List<Instant> times =
                proxy.callTimes(target).subList(before, proxy.callTimes(target).size());
        if (times.size() != failures + 1) {
            throw new IllegalStateException(times.size() + " attempts, expected " + (failures + 1));
        }
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(Duration.between(times.get(i - 1), times.get(i)).toNanos() / 1e6);
        }
        return gaps.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
