package io.trailhound.it;

import static io.trailhound.it.MotoAccounts.CENTRAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * The names people know the accounts by: an organization in moto whose management account is the central
 * one (moto's default account, where the function runs), its member accounts created with moto's
 * {@code CreateAccount} (moto draws their IDs), a scheduled secret read in each. The alert names each
 * member by its name from {@code organizations:DescribeAccount}, asked once per account and container; where
 * Organizations refuses ({@link FaultProxy} answers AccessDenied, as for a function outside the management
 * account), the alert shows the IDs alone and is still sent. CloudTrail's event history is the
 * LookupEvents stand-in (moto has none), hence the name.
 */
class OrganizationAccountNamesStandInMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    static final String REGION = MotoServer.REGION;
    static final String DESCRIBE_ACCOUNT = "AWSOrganizationsV20161128.DescribeAccount";
    static final String GET_CALLER_IDENTITY = "Action=GetCallerIdentity";

    @TempDir
    Path dir;

    @Test
    void membersAreNamedByTheOrganizationAndEachNameIsAskedOncePerContainer() throws Exception {
        try (OrgWorld org = new OrgWorld(MOTO, dir)) {
            Map<String, String> members = organization("Payments prod", "Data lake", "Sandbox");
            readSecretsIn(org, members);
            FaultProxy proxy = org.cloudTrail.proxy();
            LambdaInvocation lambda = new LambdaInvocation(org.w, proxy, Duration.ofSeconds(60), Map.of());

            for (int alarm = 1; alarm <= 2; alarm++) {
                String email = invoke(org, lambda);
                JsonNode alert = onlyAlert(org);
                for (var m : members.entrySet()) {
                    assertThat(email)
                            .as("alarm " + alarm + ": the account's heading")
                            .contains("== Account " + m.getKey() + " (" + m.getValue() + "): 1 finding group(s) ==")
                            .contains("  Account:         " + m.getKey() + " (" + m.getValue() + ")");
                    assertThat(resourceIn(alert, m.getKey()).path("accountName").asText())
                            .as("alarm " + alarm + ": beside the account ID in the JSON")
                            .isEqualTo(m.getValue());
                }
            }

            List<FaultProxy.Call> described = calls(proxy, DESCRIBE_ACCOUNT);
            assertThat(described)
                    .as("one DescribeAccount per member account for the container, none for the second alarm")
                    .hasSize(members.size());
            for (String id : members.keySet()) {
                assertThat(described).anyMatch(c -> c.text().contains(id));
            }
            // With the endpoint override the SDK signs for the client's Region, aws-global; without it, for
            // us-east-1 at organizations.us-east-1.amazonaws.com (AwsAccountNamesTest).
            assertThat(described)
                    .as("asked with the function's own credentials, in the management account")
                    .allSatisfy(c ->
                            assertThat(org.accounts.accountOf(c.accessKey())).isEqualTo(CENTRAL));
            assertThat(calls(proxy, GET_CALLER_IDENTITY))
                    .as("who the function is: asked once for the container, by the first of the alarms")
                    .hasSize(1);
        }
    }

    @Test
    void whereOrganizationsRefusesTheAlertShowsTheIdsAloneIsStillSentAndAsksOnce() throws Exception {
        try (OrgWorld org = new OrgWorld(MOTO, dir)) {
            Map<String, String> members = organization("Payments prod", "Data lake");
            readSecretsIn(org, members);
            FaultProxy proxy = org.cloudTrail.proxy();
            proxy.fail(
                    DESCRIBE_ACCOUNT,
                    Integer.MAX_VALUE,
                    400,
                    "AccessDeniedException",
                    "You don't have permissions to access this resource.");
            LambdaInvocation lambda = new LambdaInvocation(org.w, proxy, Duration.ofSeconds(60), Map.of());

            for (int alarm = 1; alarm <= 2; alarm++) {
                String email = invoke(org, lambda);
                JsonNode alert = onlyAlert(org);
                for (var m : members.entrySet()) {
                    assertThat(email)
                            .as("alarm " + alarm + ": the ID alone")
                            .contains("== Account " + m.getKey() + ": 1 finding group(s) ==")
                            .doesNotContain(m.getValue());
                    JsonNode resource = resourceIn(alert, m.getKey());
                    assertThat(resource.path("arn").asText())
                            .as("the member's secret is still described in its account")
                            .contains(":" + m.getKey() + ":secret:prod/db");
                    assertThat(resource.has("accountName")).isFalse();
                }
                assertThat(alert.path("notes").toString()).doesNotContain("DescribeAccount");
            }
            assertThat(calls(proxy, DESCRIBE_ACCOUNT))
                    .as("one refusal for the container: not one per account, not one per alarm")
                    .hasSize(1);
        }
    }

    @Test
    void oneAlarmAsksWhoTheFunctionIsOnceHoweverManyAccountsItDescribesAtOnce() throws Exception {
        try (OrgWorld org = new OrgWorld(MOTO, dir)) {
            Map<String, String> members = organization("Payments prod", "Data lake", "Sandbox");
            readSecretsIn(org, members);
            FaultProxy proxy = org.cloudTrail.proxy();

            for (int alarm = 1; alarm <= 2; alarm++) {
                JsonNode alert = org.invoke("REMEDIATION", "off"); // the CLI: each run wires anew, as a new container
                assertThat(OrgWorld.findings(alert)).hasSize(members.size());
                assertThat(calls(proxy, GET_CALLER_IDENTITY))
                        .as("alarm " + alarm + ": one GetCallerIdentity although " + members.size()
                                + " accounts are described on their own threads")
                        .hasSize(alarm);
                assertThat(calls(proxy, DESCRIBE_ACCOUNT)).hasSize(alarm * members.size());
            }
        }
    }

    /**
     * Creates the organization in moto with the central account as its management account, and one member
     * account per name; returns the members' IDs (drawn by moto) with their names.
     */
    static Map<String, String> organization(String... names) {
        Map<String, String> members = new LinkedHashMap<>();
        try (OrganizationsClient o = OrganizationsClient.builder()
                .endpointOverride(URI.create(MOTO.endpoint()))
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(MotoAccounts.testing())
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            o.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL));
            for (String name : names) {
                String id = o.createAccount(b ->
                                b.accountName(name).email(name.toLowerCase().replace(' ', '-') + "@example.com"))
                        .createAccountStatus()
                        .accountId();
                members.put(id, name);
            }
        }
        assertThat(members.keySet()).allMatch(id -> id.matches("\\d{12}")).doesNotContain(CENTRAL);
        return members;
    }

    /** A secret "prod/db" scheduled for deletion in each member account, and read: the alarm's evidence. */
    static void readSecretsIn(OrgWorld org, Map<String, String> members) {
        int second = 30;
        for (String id : members.keySet()) {
            org.scheduledSecretRead(id, REGION, "prod/db", second);
            second += 10;
        }
    }

    /** One Lambda invocation on the secret alarm; returns the e-mail text of the alert it published. */
    static String invoke(OrgWorld org, LambdaInvocation lambda) throws Exception {
        org.w.aws.sqs.purgeQueue(b -> b.queueUrl(org.w.queueUrl));
        LambdaInvocation.Result r = lambda.invoke(
                org.w.alarmMessage(OrgWorld.ALARM, "CloudTrailLogMetrics", "AttemptsToAccessDeletedSecrets"));
        assertThat(r.thrown()).as("the handler must not fail: %s", r.thrown()).isNull();
        assertThat(r.publishes()).as("an alert was published").isNotEmpty();
        String published = org.cloudTrail.proxy().lastFormParameter(LambdaInvocation.PUBLISH, "Message");
        return World.JSON.readTree(published).path("email").asText();
    }

    static JsonNode onlyAlert(OrgWorld org) throws Exception {
        List<World.Alert> alerts = org.w.alerts();
        assertThat(alerts).hasSize(1);
        return alerts.get(0).doc();
    }

    /** The resource of the alert's finding in {@code account}. */
    static JsonNode resourceIn(JsonNode alert, String account) {
        for (JsonNode f : alert.path("findings")) {
            if (account.equals(f.at("/resource/account").asText())) {
                return f.path("resource");
            }
        }
        throw new AssertionError("no finding in account " + account + ": " + alert.path("findings"));
    }

    static List<FaultProxy.Call> calls(FaultProxy proxy, String target) {
        return proxy.received().stream().filter(c -> c.target().equals(target)).toList();
    }
}
