package io.trailhound.aws;

import io.trailhound.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds each SDK client once per container and region: URL-connection HTTP client, explicit credentials
 * provider, standard retries with backoff for throttling and 5xx, and the endpoint override for moto.
 */
public final class AwsClients {

    static final int CONNECT_TIMEOUT_MILLIS = 3_000;
    static final int READ_TIMEOUT_MILLIS = 20_000;

    private final Config config;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Map<String, Object> clients = new ConcurrentHashMap<>();

    public AwsClients(Config config) {
        this(config, UrlConnectionHttpClient.create(AwsClients::openConnection), credentialsFor(config));
    }

    /**
     * The same clients over canned answers ({@link CannedHttpClient}, or a test's), with made-up credentials:
     * SnapStart priming runs the Lambda path without a call leaving the function.
     */
    public static AwsClients canned(Config config, SdkHttpClient http) {
        return new AwsClients(
                config,
                http,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAPRIMINGEXAMPLE", "priming")));
    }

    private AwsClients(Config config, SdkHttpClient http, AwsCredentialsProvider credentials) {
        this.config = config;
        this.http = http;
        this.credentials = credentials;
    }

    /** The same configuration and HTTP client, signing with other credentials (a member account's role). */
    public AwsClients withCredentials(AwsCredentialsProvider other) {
        return new AwsClients(config, http, other);
    }

    private static AwsCredentialsProvider credentialsFor(Config config) {
        Config.StaticCredentials keys = config.staticCredentials();
        return keys == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(
                        keys.sessionToken() == null
                                ? AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())
                                : AwsSessionCredentials.create(
                                        keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken()));
    }

    /**
     * The JDK's own connection, with our timeouts. Unlike the SDK's default factory, which builds its own TLS
     * context (parsing the JDK's CA certificates) when the client is built, this leaves TLS to the JDK's
     * default context, set up on the first https connection: the same trust store and host-name checks, but
     * no cost before the first request, and none at all against a plain-http endpoint such as moto.
     */
    static HttpURLConnection openConnection(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout(READ_TIMEOUT_MILLIS);
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a connection to " + uri, e);
        }
    }

    /** The function's own region, or a region named by an event. */
    public String region(String regionOrNull) {
        if (regionOrNull != null) {
            return regionOrNull;
        }
        if (config.region() != null) {
            return config.region();
        }
        throw new IllegalStateException("no AWS region: set AWS_REGION");
    }

    public CloudWatchLogsClient logs(String region) {
        return get("logs", region, CloudWatchLogsClient::builder);
    }

    public CloudTrailClient cloudTrail(String region) {
        return get("cloudtrail", region, CloudTrailClient::builder);
    }

    public SecretsManagerClient secretsManager(String region) {
        return get("secretsmanager", region, SecretsManagerClient::builder);
    }

    public KmsClient kms(String region) {
        return get("kms", region, KmsClient::builder);
    }

    public DynamoDbClient dynamoDb(String region) {
        return get("dynamodb", region, DynamoDbClient::builder);
    }

    public SnsClient sns(String region) {
        return get("sns", region, SnsClient::builder);
    }

    public CloudWatchClient cloudWatch(String region) {
        return get("cloudwatch", region, CloudWatchClient::builder);
    }

    public SecurityHubClient securityHub(String region) {
        return get("securityhub", region, SecurityHubClient::builder);
    }

    public EventBridgeClient eventBridge(String region) {
        return get("events", region, EventBridgeClient::builder);
    }

    /**
     * Organizations, a global service: one client, built for the function's own Region, from which the SDK's
     * endpoint rules reach the partition's one endpoint and signing Region (organizations.us-east-1.amazonaws.com
     * for aws). Not built for the pseudo-Region aws-global: choosing that needs the Region's partition, a
     * metadata lookup that costs a cold function about 400 classes (see {@link Regions}).
     */
    public OrganizationsClient organizations() {
        return get("organizations", null, OrganizationsClient::builder);
    }

    public StsClient sts(String region) {
        return get("sts", region, StsClient::builder);
    }

    /** The ARN the credentials belong to: {@code sts:GetCallerIdentity}, which needs no permission. */
    public String callerArn() {
        return sts(null).getCallerIdentity().arn();
    }

    /**
     * Standard retries (3 attempts, with the retry quota) in the SDK's own implementation of AWS's 2026 retry
     * update: full jitter from 50 ms for transient errors (5xx, timeouts) and from 1 s for throttling, and the
     * update's retry-quota costs. SDK 2.57 still defaults to the older behaviour (100 ms) unless
     * AWS_NEW_RETRIES_2026 is set, so it is asked for here; a fresh strategy per client keeps a quota per client.
     */
    static RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy(Boolean.TRUE);
    }

    /** The clients built so far, as "service@region". */
    public Set<String> built() {
        return Set.copyOf(clients.keySet());
    }

    @SuppressWarnings("unchecked")
    private <
                    C,
                    B extends
                            AwsClientBuilder<B, C>
                                    & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>>
            C get(String service, String regionOrNull, Supplier<B> builder) {
        String region = region(regionOrNull);
        return (C) clients.computeIfAbsent(service + "@" + region, k -> {
            B b = builder.get()
                    .region(Region.of(region))
                    .credentialsProvider(credentials)
                    .httpClient(http)
                    .overrideConfiguration(ClientOverrideConfiguration.builder()
                            // Makes Trailhound's own calls recognisable in CloudTrail's userAgent field.
                            .putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, Config.USER_AGENT)
                            .retryStrategy(retryStrategy())
                            .apiCallTimeout(Duration.ofSeconds(60))
                            .build());
            if (config.endpointOverride() != null) {
                b = b.endpointOverride(config.endpointOverride());
            }
            return b.build();
        });
    }
}
