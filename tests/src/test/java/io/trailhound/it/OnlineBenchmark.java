package io.trailhound.it;

import io.trailhound.bench.Proc;
import io.trailhound.evidence.MetricFilterCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;

/**
 * Benchmark 5 (bench/run): a fresh JVM running {@code invoke} against a moto world (log group, metric
 * filter, a secret scheduled for deletion, a few CloudTrail events) vs the closest existing tool doing the
 * same job on the same world: the awslabs/cloudwatch-logs-customize-alarms Node.js Lambda, run unchanged
 * through bench/awslabs-wrapper.js.
 */
public final class OnlineBenchmark {
    static final String GONE = "You can't perform this operation on the secret because it was marked for deletion.";

    private OnlineBenchmark() {
    }

    public static void run(int runs, Path awslabs) throws Exception {
        System.out.println("\n5. Online: fresh process per alarm against the same moto world (median of " + runs + ")");
        MotoServer moto = new MotoServer();
        moto.beforeAll(null);
        try {
            World w = new World(moto);
            w.alertTopicWithQueue();
            w.aws.secrets.createSecret(b -> b.name("prod/db").secretString("v"));
            w.aws.secrets.deleteSecret(b -> b.secretId("prod/db").recoveryWindowInDays(7L));
            w.logGroupWithFilter("CloudTrail/MyCloudWatchLogGroup", MetricFilterCatalog.SECRET_PATTERN, "CloudTrailLogMetrics",
                    "AttemptsToAccessDeletedSecrets");
            var hit = Map.<String, Object>of("eventSource", "secretsmanager.amazonaws.com", "eventName", "GetSecretValue",
                    "errorCode", "InvalidRequestException", "errorMessage", GONE, "requestParameters", Map.of("secretId", "prod/db"));
            var noise = Map.<String, Object>of("eventSource", "secretsmanager.amazonaws.com", "eventName", "DescribeSecret");
            // Inside both tools' windows (awslabs looks back Period x EvaluationPeriods from StateChangeTime).
            w.putEvents("CloudTrail/MyCloudWatchLogGroup", List.of(w.record(90, hit), w.record(100, noise), w.record(120, hit),
                    w.record(130, noise), w.record(150, hit)));
            Path dir = Files.createTempDirectory("online-bench");
            Path event = w.alarmEvent(dir, "AttemptsToAccessDeletedSecretsAlarm", "CloudTrailLogMetrics", "AttemptsToAccessDeletedSecrets");
            Map<String, String> env = new HashMap<>(moto.env());
            env.put("ALERT_TOPIC_ARN", w.alertTopicArn);

            String jar = Proc.ROOT.resolve("functions/responder/target/responder.jar").toString();
            double ours = Proc.median(runs, Proc.java("-jar", jar, "invoke", "--event", event.toString()), env);
            Map<String, String> launcherEnv = new HashMap<>(env); // a fresh cache: the first (unmeasured) run makes the archive
            launcherEnv.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
            launcherEnv.put("JAVA_HOME", Path.of(Proc.JAVA).getParent().getParent().toString());
            double oursCds = Proc.median(runs, List.of(Proc.ROOT.resolve("bin/trailhound").toString(), "invoke", "--event", event.toString()),
                    launcherEnv);
            System.out.printf("   Trailhound (java -jar)            %6.3f s%n", ours);
            System.out.printf("   Trailhound (bin/trailhound)       %6.3f s%n", oursCds);
            if (awslabs == null || !Files.exists(awslabs.resolve("index.js"))) {
                System.out.println("   awslabs Lambda: skipped (pass --awslabs <folder with its index.js>)");
                return;
            }
            try (SesClient ses = SesClient.builder().endpointOverride(java.net.URI.create(moto.endpoint())).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build()) {
                ses.verifyEmailIdentity(b -> b.emailAddress("Add source email here")); // its hard-coded sender
            }
            Map<String, String> nodeEnv = new HashMap<>(env);
            if (System.getenv("NODE_PATH") != null) nodeEnv.put("NODE_PATH", System.getenv("NODE_PATH"));
            List<String> node = List.of("node", Proc.ROOT.resolve("bench/awslabs-wrapper.js").toString(), awslabs.toString(), event.toString());
            Proc.Result check = Proc.run(node, nodeEnv);
            // It ships with placeholder addresses, which moto's SES rejects ("Missing domain"): the run counts once
            // it has found the events and made its SendEmail call.
            if (check.status() != 0 || !check.out().contains("===SENDING EMAIL===")) {
                System.out.println("   awslabs Lambda: did not get as far as sending, so it is not compared (is aws-sdk@2 on NODE_PATH?)\n"
                        + check.out() + check.err());
                return;
            }
            long theirEvents = check.out().lines().filter(l -> l.trim().startsWith("logStreamName:")).count();
            System.out.printf("   (the awslabs Lambda reported %d events: moto does not apply the JSON pattern, and it does not re-check;"
                    + " Trailhound reported the 3 real ones)%n", theirEvents);
            double theirs = Proc.median(runs, node, nodeEnv);
            System.out.printf("   awslabs Lambda (node, aws-sdk v2) %6.3f s%n", theirs);
            System.out.printf("   ratio Trailhound / awslabs: %.2fx with java -jar, %.2fx with bin/trailhound (target <= 2x)%n",
                    ours / theirs, oursCds / theirs);
        } finally {
            moto.afterAll(null);
        }
    }
}
