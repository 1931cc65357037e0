package io.trailhound.it;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK clients pointed at the test's moto server, to build the world the responder then finds. */
final class Aws {
    final CloudWatchClient cloudWatch;
    final CloudWatchLogsClient logs;
    final SecretsManagerClient secrets;
    final KmsClient kms;
    final SnsClient sns;
    final SqsClient sqs;
    final DynamoDbClient dynamo;
    final SecurityHubClient securityHub;
    final EventBridgeClient events;

    Aws(MotoServer moto) {
        URI endpoint = URI.create(moto.endpoint());
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        var http = UrlConnectionHttpClient.create();
        Region region = Region.of(MotoServer.REGION);
        cloudWatch = CloudWatchClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .build();
        logs = CloudWatchLogsClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .build();
        secrets = SecretsManagerClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .build();
        kms = KmsClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .build();
        sns = SnsClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .build();
        dynamo = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .build();
        securityHub = SecurityHubClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .build();
        events = EventBridgeClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .build();
        sqs = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .build();
    }
}
