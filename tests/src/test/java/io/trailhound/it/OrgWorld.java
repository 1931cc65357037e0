package io.trailhound.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * An organization in moto: the central account (123456789012, moto's default) holds the organization
 * trail's log group with the secret metric filter and alarm, the alert topic and the function; the member
 * accounts 222222222222 and 333333333333 hold secrets and keys of their own. Records of all three accounts
 * reach the one log group, each with its account as {@code recipientAccountId}, as an organization trail
 * delivers them. CloudTrail's event history (which moto lacks) is the {@link CloudTrailStandIn}, one history
 * per account.
 */
final class OrgWorld implements AutoCloseable {
    static final String LOG_GROUP = StandInWorld.LOG_GROUP;
    static final String ALARM = StandInWorld.ALARM;

    final StandInWorld standIn;
    final World w;
    final MotoAccounts accounts;
    final CloudTrailStandIn cloudTrail;
    private final Map<String, SecretsManagerClient> secrets = new HashMap<>();
    private final Map<String, KmsClient> keys = new HashMap<>();

    OrgWorld(MotoServer moto, Path dir) throws Exception {
        this.standIn = new StandInWorld(moto, dir);
        this.w = standIn.w;
        this.cloudTrail = standIn.cloudTrail;
        this.accounts = new MotoAccounts(moto);
    }

    /** Secrets Manager of {@code account} in {@code region}, as that account's own administrator. */
    SecretsManagerClient secrets(String account, String region) {
        return secrets.computeIfAbsent(
                account + "/" + region,
                k -> SecretsManagerClient.builder()
                        .endpointOverride(URI.create(w.moto.endpoint()))
                        .region(Region.of(region))
                        .credentialsProvider(accounts.in(account))
                        .build());
    }

    KmsClient kms(String account, String region) {
        return keys.computeIfAbsent(
                account + "/" + region,
                k -> KmsClient.builder()
                        .endpointOverride(URI.create(w.moto.endpoint()))
                        .region(Region.of(region))
                        .credentialsProvider(accounts.in(account))
                        .build());
    }

    /**
     * A secret of {@code account} scheduled for deletion a day ago (in that account's event history) and read
     * after: the read is in the central log group; returns the secret's ARN.
     */
    String scheduledSecretRead(String account, String region, String name, int secondsAfterDatapoint) {
        SecretsManagerClient sm = secrets(account, region);
        String arn = sm.createSecret(b -> b.name(name).secretString("v")).arn();
        sm.deleteSecret(b -> b.secretId(name).recoveryWindowInDays(7L));
        ObjectNode scheduled = inAccount(w.deleteSecretCall(-86_400, name, arn, region), account);
        cloudTrail.happened(List.of(scheduled));
        ObjectNode read = inAccount(w.record(secondsAfterDatapoint, World.deletedSecretRead(name)), account);
        read.put("awsRegion", region);
        w.happened(cloudTrail, LOG_GROUP, List.of(read));
        return arn;
    }

    /** The record as the organization trail delivers it from {@code account}: received there, by a caller there. */
    static ObjectNode inAccount(ObjectNode record, String account) {
        record.put("recipientAccountId", account);
        ObjectNode who = (ObjectNode) record.path("userIdentity");
        who.put("accountId", account);
        who.put("arn", who.path("arn").asText().replace(MotoServer.ACCOUNT, account));
        if (who.has("sessionContext")) {
            ObjectNode issuer = (ObjectNode) who.path("sessionContext").path("sessionIssuer");
            issuer.put("arn", issuer.path("arn").asText().replace(MotoServer.ACCOUNT, account));
        }
        return record;
    }

    boolean scheduled(String account, String region, String arn) {
        return secrets(account, region).describeSecret(b -> b.secretId(arn)).deletedDate() != null;
    }

    /** Runs invoke on the alarm with remediation on for any secret and {@code moreEnv}; returns the alert. */
    JsonNode invoke(String... moreEnv) throws Exception {
        return standIn.invoke(standIn.realAlarm(), moreEnv);
    }

    /** The alert's findings by "account resource-id region". */
    static Map<String, JsonNode> findings(JsonNode alert) {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode f : alert.path("findings")) {
            JsonNode r = f.path("resource");
            out.put(
                    r.path("account").asText() + " " + r.path("id").asText() + " "
                            + r.path("region").asText(),
                    r);
        }
        return out;
    }

    /** "STATUS resource" of each remediation decision. */
    static List<String> remediation(JsonNode alert) {
        List<String> out = new ArrayList<>();
        alert.path("remediation")
                .forEach(r -> out.add(
                        r.path("status").asText() + " " + r.path("resource").asText()));
        return out;
    }

    @Override
    public void close() {
        standIn.close();
        secrets.values().forEach(SecretsManagerClient::close);
        keys.values().forEach(KmsClient::close);
    }
}
