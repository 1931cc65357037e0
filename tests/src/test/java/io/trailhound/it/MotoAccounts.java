package io.trailhound.it;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * moto's accounts. moto decides the account of a request by its access key: the keys AssumeRole returns for
 * a role ARN of another account belong to that account ({@code moto/sts/models.py}: {@code _create_access_key}
 * takes the account from the role ARN; {@code moto/core/responses.py}: {@code get_current_account} looks the
 * request's key up with {@code iam.models.get_account_id_from}), and any other key, such as the tests'
 * "testing", acts in the default account 123456789012. The role need not exist.
 */
final class MotoAccounts {
    static final String CENTRAL = MotoServer.ACCOUNT;
    static final String MEMBER_A = "222222222222";
    static final String MEMBER_B = "333333333333";

    private final StsClient sts;
    private final URI endpoint;
    private final Map<String, String> accountByKey = new ConcurrentHashMap<>();

    MotoAccounts(MotoServer moto) {
        endpoint = URI.create(moto.endpoint());
        sts = StsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(MotoServer.REGION))
                .credentialsProvider(testing())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static AwsCredentialsProvider testing() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }

    /** Credentials that act in {@code account}: a role there, assumed from the central account. */
    AwsCredentialsProvider in(String account) {
        if (account.equals(CENTRAL)) {
            return testing();
        }
        var c = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/test-setup")
                        .roleSessionName("test-setup"))
                .credentials();
        AwsCredentialsProvider p = StaticCredentialsProvider.create(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
        accountByKey.put(c.accessKeyId(), account);
        return p;
    }

    /** The account moto runs a request signed with {@code accessKey} in (GetCallerIdentity with that key). */
    String accountOf(String accessKey) {
        if (accessKey == null) {
            return CENTRAL;
        }
        return accountByKey.computeIfAbsent(accessKey, k -> {
            try (StsClient as = StsClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.of(MotoServer.REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(k, "any")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build()) {
                return as.getCallerIdentity().account();
            }
        });
    }
}
