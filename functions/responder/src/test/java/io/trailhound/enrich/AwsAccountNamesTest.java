package io.trailhound.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.aws.AwsClients;
import io.trailhound.aws.CannedHttpClient.Canned;
import io.trailhound.budget.Budget;
import io.trailhound.config.Config;
import io.trailhound.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

/**
 * What is kept of Organizations' answers, and for how long. The SDK's own client talks to an in-process
 * Organizations that answers from the names the test declares (the moto test, AccountNamesMotoTest, talks to
 * moto's); every request it receives is counted.
 */
class AwsAccountNamesTest {
    static final String A = "222222222222";
    static final String B = "333333333333";
    static final String UNKNOWN = "123456789012";
    static final Budget UNLIMITED = Budget.unlimited(Clock.systemUTC());

    final Organizations organizations = new Organizations(Map.of(A, "Payments prod", B, "Data lake"));
    final AwsAccountNames names = new AwsAccountNames(() -> organizations.client("eu-west-1"));

    @Test
    void eachAccountIsAskedOncePerContainerItsNameOrItsAbsenceKeptAcrossAlarms() {
        List<String> accounts = List.of(A, B, UNKNOWN, A);

        assertThat(names.of(accounts, UNLIMITED)).isEqualTo(Map.of(A, "Payments prod", B, "Data lake"));
        assertThat(names.of(accounts, UNLIMITED))
                .as("the next alarm")
                .isEqualTo(Map.of(A, "Payments prod", B, "Data lake"));
        assertThat(organizations.asked)
                .as("one DescribeAccount per account, the one the organization does not know included")
                .containsExactly(A, B, UNKNOWN);
    }

    @Test
    void aRefusalIsKeptForTheContainerSoAFunctionWithoutPermissionAsksOnce() {
        organizations.failWith(Canned.jsonError(400, "AccessDeniedException", "not the management account"));

        assertThat(names.of(List.of(A, B), UNLIMITED)).isEmpty();
        organizations.failWith(null); // even if Organizations would answer now, the refusal stands
        assertThat(names.of(List.of(A, B), UNLIMITED)).isEmpty();
        assertThat(organizations.asked)
                .as("one refusal: the other account and the next alarm ask nothing")
                .containsExactly(A);
        assertThat(names.refusal())
                .as("what operators read in the log")
                .hasValue("organizations:DescribeAccount failed: AccessDeniedException (not the management account);"
                        + " alerts show account IDs without names until the function restarts");
    }

    @Test
    void notBeingInAnOrganizationIsARefusalToo() {
        organizations.failWith(Canned.jsonError(400, "AWSOrganizationsNotInUseException", "not in an organization"));

        assertThat(names.of(List.of(A), UNLIMITED)).isEmpty();
        assertThat(names.of(List.of(B), UNLIMITED)).isEmpty();
        assertThat(organizations.asked).containsExactly(A);
    }

    @Test
    void aTransientFailureLeavesThisAlarmWithIdsAndTheNextAlarmAsksAgain() {
        for (Canned failure : List.of(
                Canned.jsonError(503, "ServiceUnavailableException", "try later"),
                Canned.jsonError(400, "TooManyRequestsException", "slow down"))) {
            Organizations org = new Organizations(Map.of(A, "Payments prod", B, "Data lake"));
            AwsAccountNames fresh = new AwsAccountNames(() -> org.client("eu-west-1"));
            org.failWith(failure);

            assertThat(fresh.of(List.of(A, B), UNLIMITED))
                    .as(failure.errorType())
                    .isEmpty();
            assertThat(org.asked)
                    .as("the alarm's other accounts are not asked while Organizations fails")
                    .containsExactly(A);
            assertThat(fresh.refusal()).as("not a refusal").isEmpty();
            org.failWith(null);
            assertThat(fresh.of(List.of(A, B), UNLIMITED)).isEqualTo(Map.of(A, "Payments prod", B, "Data lake"));
            assertThat(org.asked).containsExactly(A, A, B);
        }
    }

    @Test
    void withNoTimeLeftNothingIsAskedAndTheNextAlarmAsks() {
        Budget spent = Budget.until(Instant.now().minusSeconds(1), Clock.systemUTC());

        assertThat(names.of(List.of(A), spent)).isEmpty();
        assertThat(organizations.asked).isEmpty();
        assertThat(names.of(List.of(A), UNLIMITED)).isEqualTo(Map.of(A, "Payments prod"));
    }

    @Test
    void whatIsNotAnAccountIdIsNeverAsked() {
        assertThat(names.of(Arrays.asList(null, "", "12345", "2222222222222", "22222222222x"), UNLIMITED))
                .isEmpty();
        assertThat(organizations.asked).isEmpty();
    }

    @ParameterizedTest(name = "from {0}")
    @CsvSource({
        "eu-west-1, organizations.us-east-1.amazonaws.com, us-east-1",
        "us-west-2, organizations.us-east-1.amazonaws.com, us-east-1",
        "cn-north-1, organizations.cn-northwest-1.amazonaws.com.cn, cn-northwest-1",
        "us-gov-east-1, organizations.us-gov-west-1.amazonaws.com, us-gov-west-1"
    })
    void organizationsIsAskedAtItsPartitionsOneEndpointWhateverTheFunctionsRegion(
            String functionRegion, String host, String signingRegion) {
        AwsClients aws = AwsClients.canned(Config.from(Map.of("AWS_REGION", functionRegion)), organizations);

        assertThat(new AwsAccountNames(aws::organizations).of(List.of(A), UNLIMITED))
                .containsKey(A);

        assertThat(organizations.hosts).containsExactly(host);
        assertThat(organizations.scopes)
                .as("signed for the Region of the partition's Organizations endpoint")
                .singleElement()
                .asString()
                .contains("/" + signingRegion + "/organizations/aws4_request");
    }

    /** Organizations over HTTP, in process: DescribeAccount answered from {@code names}, or with a failure. */
    static final class Organizations implements SdkHttpClient {
        final Map<String, String> names;
        final List<String> asked = new CopyOnWriteArrayList<>();
        final List<String> hosts = new CopyOnWriteArrayList<>();
        final List<String> scopes = new CopyOnWriteArrayList<>();
        private volatile Canned failure;
        private final Map<String, OrganizationsClient> clients = new ConcurrentHashMap<>();

        Organizations(Map<String, String> names) {
            this.names = Map.copyOf(names);
        }

        void failWith(Canned answer) {
            failure = answer;
        }

        /** The SDK's client for the function's {@code region}, as AwsClients builds it but with one attempt per call. */
        OrganizationsClient client(String region) {
            return clients.computeIfAbsent(
                    region,
                    r -> OrganizationsClient.builder()
                            .region(Region.of(r))
                            .credentialsProvider(StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                            .httpClient(this)
                            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                            .build());
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    hosts.add(request.httpRequest().host());
                    scopes.add(request.httpRequest()
                            .firstMatchingHeader("Authorization")
                            .orElse(""));
                    String body = new String(
                            request.contentStreamProvider()
                                    .orElseThrow()
                                    .newStream()
                                    .readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8);
                    String account = Json.parse(body).path("AccountId").asText();
                    asked.add(account);
                    Canned answer = failure;
                    if (answer == null) {
                        String name = names.get(account);
                        answer = name == null
                                ? Canned.jsonError(400, "AccountNotFoundException", "no such account")
                                : Canned.json(Json.write(Json.object()
                                        .set(
                                                "Account",
                                                Json.object().put("Id", account).put("Name", name))));
                    }
                    SdkHttpFullResponse.Builder response = SdkHttpFullResponse.builder()
                            .statusCode(answer.status())
                            .putHeader("Content-Type", answer.contentType())
                            .putHeader("x-amzn-RequestId", "test");
                    if (answer.errorType() != null) {
                        response.putHeader("x-amzn-ErrorType", answer.errorType());
                    }
                    return HttpExecuteResponse.builder()
                            .response(response.build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.body())))
                            .build();
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public String clientName() {
            return "organizations-in-process";
        }

        @Override
        public void close() {
            clients.values().forEach(OrganizationsClient::close);
        }
    }
}
