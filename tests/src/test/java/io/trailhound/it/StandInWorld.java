package io.trailhound.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.evidence.MetricFilterCatalog;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The adversarial tests' world: moto with the secret metric filter and alarm, and CloudTrail's event history
 * answered by a {@link CloudTrailStandIn} (moto has no LookupEvents). Remediation is on, for any secret.
 */
final class StandInWorld implements AutoCloseable {
    static final String LOG_GROUP = RemediationStandInMotoTest.LOG_GROUP;
    static final String ALARM = "AttemptsToAccessDeletedSecretsAlarm";

    final World w;
    final CloudTrailStandIn cloudTrail;
    final Path dir;

    StandInWorld(MotoServer moto, Path dir) throws Exception {
        this.w = new World(moto);
        this.cloudTrail = new CloudTrailStandIn(moto);
        this.dir = dir;
        w.alertTopicWithQueue();
        w.logGroupWithFilter(
                LOG_GROUP,
                MetricFilterCatalog.SECRET_PATTERN,
                "CloudTrailLogMetrics",
                "AttemptsToAccessDeletedSecrets");
    }

    /** A secret scheduled for deletion a day ago (as CloudTrail recorded it), without any access yet; returns its ARN. */
    String scheduledSecret(String name) {
        String arn =
                w.aws.secrets.createSecret(b -> b.name(name).secretString("v")).arn();
        w.aws.secrets.deleteSecret(b -> b.secretId(name).recoveryWindowInDays(7L));
        cloudTrail.happened(List.of(w.deleteSecretCall(-86_400, name, arn, MotoServer.REGION)));
        return arn;
    }

    boolean scheduled(String arn) {
        return w.aws.secrets.describeSecret(b -> b.secretId(arn)).deletedDate() != null;
    }

    Path realAlarm() throws Exception {
        return w.alarmEvent(dir, ALARM, "CloudTrailLogMetrics", "AttemptsToAccessDeletedSecrets");
    }

    /** Runs invoke on {@code event} with remediation on for any secret; returns the alert's JSON document. */
    JsonNode invoke(Path event, String... moreEnv) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "REMEDIATION",
                "on",
                "REMEDIATION_SCOPE",
                "all",
                "CONFIRM_WAIT",
                "PT1S",
                "AWS_ENDPOINT_URL",
                cloudTrail.endpoint()));
        for (int i = 0; i < moreEnv.length; i += 2) {
            env.put(moreEnv[i], moreEnv[i + 1]);
        }
        w.aws.sqs.purgeQueue(b -> b.queueUrl(w.queueUrl));
        w.invokeWith(env, "--event", event.toString());
        List<World.Alert> alerts = w.alerts();
        if (alerts.size() != 1) {
            throw new AssertionError("expected one alert, got " + alerts.size());
        }
        return alerts.get(0).doc();
    }

    @Override
    public void close() {
        cloudTrail.close();
    }
}
