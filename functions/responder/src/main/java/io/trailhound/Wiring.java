package io.trailhound;

import io.trailhound.alarm.AwsChildAlarmSource;
import io.trailhound.aws.AccountClients;
import io.trailhound.aws.AlarmScope;
import io.trailhound.aws.AwsClients;
import io.trailhound.aws.CallerIdentity;
import io.trailhound.aws.LookupEventsPacer;
import io.trailhound.aws.MemberRoles;
import io.trailhound.config.Arn;
import io.trailhound.config.Config;
import io.trailhound.detect.OwnIdentity;
import io.trailhound.enrich.AwsAccountNames;
import io.trailhound.enrich.AwsEnricher;
import io.trailhound.enrich.CloudTrailScheduleLookup;
import io.trailhound.enrich.Enricher;
import io.trailhound.enrich.FileScheduleLookup;
import io.trailhound.enrich.OfflineEnricher;
import io.trailhound.enrich.ScheduleLookup;
import io.trailhound.evidence.AwsMetricFilterSource;
import io.trailhound.evidence.CloudTrailFileEventSource;
import io.trailhound.evidence.CloudTrailFiles;
import io.trailhound.evidence.CloudWatchLogsEventSource;
import io.trailhound.evidence.EventSource;
import io.trailhound.evidence.MetricFilterCatalog;
import io.trailhound.evidence.MetricFilterSource;
import io.trailhound.idempotency.DynamoDbIdempotencyStore;
import io.trailhound.idempotency.IdempotencyStore;
import io.trailhound.publish.EventBridgePublisher;
import io.trailhound.publish.FindingHistory;
import io.trailhound.publish.Output;
import io.trailhound.publish.Outputs;
import io.trailhound.publish.PrintedOutput;
import io.trailhound.publish.Publisher;
import io.trailhound.publish.SecurityHubPublisher;
import io.trailhound.publish.SnsChatPublisher;
import io.trailhound.publish.SnsPublisher;
import io.trailhound.publish.StreamPublisher;
import io.trailhound.remediate.AwsRemediator;
import io.trailhound.remediate.OfflineRemediator;
import io.trailhound.remediate.Remediator;
import io.trailhound.verify.CloudTrailEventConfirmer;
import io.trailhound.verify.CloudWatchAlarmVerifier;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Chooses each stage's adapter: AWS in Lambda; in the CLI, files and/or AWS depending on what is given. */
public final class Wiring {
    /** How often an event not yet in CloudTrail's event history is asked for again (within CONFIRM_WAIT). */
    static final java.time.Duration CONFIRM_RETRY = java.time.Duration.ofSeconds(5);

    private Wiring() {}

    /**
     * Which SDK clients Lambda's init builds. Every alarm needs Logs, CloudWatch and SNS (and DynamoDB with an
     * idempotency table); Secrets Manager, KMS and CloudTrail only an alarm about a secret or a key.
     */
    public enum InitClients {
        /** All of them, so SnapStart's snapshot (or provisioned concurrency's warm start) holds them. */
        ALL,
        /**
         * An on-demand start, which no snapshot follows: the others are built when an alarm first needs one, so
         * an alarm that needs none (root usage) never pays for them and one that does pays the same as in init.
         */
        ALWAYS_NEEDED;

        /** From AWS_LAMBDA_INITIALIZATION_TYPE ("on-demand", "provisioned-concurrency", "snap-start"). */
        public static InitClients of(Map<String, String> environment) {
            return "on-demand".equals(environment.get("AWS_LAMBDA_INITIALIZATION_TYPE")) ? ALWAYS_NEEDED : ALL;
        }
    }

    /** Lambda: everything from AWS; the alert topic is required; every client built during init. */
    public static Responder.Stages lambda(Config config, AwsClients aws) {
        return lambda(config, aws, InitClients.ALL);
    }

    /** Lambda, building {@code clients} during init. */
    public static Responder.Stages lambda(Config config, AwsClients aws, InitClients clients) {
        if (config.alertTopicArn() == null) {
            throw new Config.ConfigException(
                    Config.ALERT_TOPIC_ARN + " is not set: the function has nowhere to publish alerts");
        }
        CallerIdentity caller = new CallerIdentity(aws);
        AccountClients accounts = accounts(config, aws, caller);
        Responder.Stages stages = Responder.Stages.of(
                        new AwsMetricFilterSource(aws.logs(null)),
                        new CloudWatchLogsEventSource(aws.logs(null)),
                        new AwsEnricher(
                                accounts::secretsManager,
                                accounts::kms,
                                new CloudTrailScheduleLookup(accounts::cloudTrail, Clock.systemUTC())),
                        remediator(config, accounts),
                        publisher(config, aws, null, false))
                .withOwnIdentity(new OwnIdentity(caller::arn))
                .withChildAlarms(new AwsChildAlarmSource(aws::cloudWatch))
                .withAlarms(new CloudWatchAlarmVerifier(aws::cloudWatch))
                .withOutputs(outputs(config, aws, history(config, aws)))
                .withScope(scope(caller, accounts))
                .withAccountNames(new AwsAccountNames(aws::organizations));
        // Built during init, so SnapStart's snapshot holds them and an alarm does not wait 25-50 ms for each
        // client it needs. (The CLI builds them as it needs them: a run is short and may not need them all.)
        aws.cloudWatch(null); // every alarm's notification check
        if (clients == InitClients.ALL) {
            aws.secretsManager(null);
            aws.kms(null);
            aws.cloudTrail(null);
            aws.organizations(); // the client only: the names are asked when an alert first needs them
        }
        return stages;
    }

    /** Lambda: the idempotency table when IDEMPOTENCY_TABLE names one; the CLI never uses it for that. */
    public static IdempotencyStore idempotency(Config config, AwsClients aws) {
        return config.idempotencyTable() == null
                ? IdempotencyStore.NONE
                : new DynamoDbIdempotencyStore(aws.dynamoDb(null), config.idempotencyTable());
    }

    /** What Security Hub's findings keep across alerts: in the idempotency table when one is named (CLI too). */
    static FindingHistory history(Config config, AwsClients aws) {
        return config.idempotencyTable() == null
                ? FindingHistory.NONE
                : new DynamoDbIdempotencyStore(aws.dynamoDb(null), config.idempotencyTable());
    }

    /**
     * CLI: with {@code cloudtrail} files the evidence (and who scheduled deletions) comes from them, and the
     * pattern from {@code --filter-pattern} or the built-in catalog; AWS is asked only when {@code awsConfigured}.
     */
    public static Responder.Stages cli(
            Config config,
            boolean awsConfigured,
            CloudTrailFiles cloudtrail,
            List<String> filterPatterns,
            PrintStream out,
            String format) {
        AwsClients aws = awsConfigured ? new AwsClients(config) : null;
        CallerIdentity caller = aws == null ? null : new CallerIdentity(aws);
        AccountClients accounts = aws == null ? null : accounts(config, aws, caller);
        MetricFilterSource filters;
        EventSource events;
        ScheduleLookup schedules;
        if (cloudtrail != null) {
            FileScheduleLookup fromFiles = new FileScheduleLookup(cloudtrail);
            filters = new MetricFilterCatalog(filterPatterns);
            events = new CloudTrailFileEventSource(cloudtrail, fromFiles); // one pass serves both
            schedules = fromFiles;
        } else {
            if (aws == null) {
                throw new Config.ConfigException(
                        "no --cloudtrail files and no AWS configuration: give --cloudtrail for an offline run,"
                                + " or set AWS credentials and AWS_REGION");
            }
            filters = !filterPatterns.isEmpty()
                    ? new MetricFilterCatalog(filterPatterns)
                    : new AwsMetricFilterSource(aws.logs(null));
            events = new CloudWatchLogsEventSource(aws.logs(null));
            schedules = new CloudTrailScheduleLookup(accounts::cloudTrail, Clock.systemUTC());
        }
        Enricher enricher = aws != null
                ? new AwsEnricher(accounts::secretsManager, accounts::kms, schedules)
                : new OfflineEnricher(schedules);
        // The idempotency table, when named, keeps what Security Hub's findings carry across runs, as in Lambda.
        List<Output> outputs =
                new ArrayList<>(outputs(config, aws, aws == null ? FindingHistory.NONE : history(config, aws))
                        .list());
        Publisher publisher;
        Output printed = printable(format, config);
        if (printed != null && config.alertTopicArn() == null) { // print what that output would get, not the alert
            outputs.add(new PrintedOutput(printed, out));
            publisher = alert -> "stdout";
        } else {
            publisher = publisher(config, aws, out, format.equals("json"));
        }
        Responder.Stages stages = Responder.Stages.of(
                        filters, events, enricher, remediator(config, accounts), publisher)
                .withOutputs(new Outputs(outputs));
        if (aws == null) {
            return stages; // offline: no identity of its own, no CloudWatch, nothing kept per alarm, no names
        }
        return stages.withOwnIdentity(new OwnIdentity(caller::arn))
                .withChildAlarms(new AwsChildAlarmSource(aws::cloudWatch))
                .withAlarms(new CloudWatchAlarmVerifier(aws::cloudWatch))
                .withScope(scope(caller, accounts))
                .withAccountNames(new AwsAccountNames(aws::organizations));
    }

    /** The CLI's --format values that print an optional output's document instead of the alert. */
    public static final List<String> OUTPUT_FORMATS = List.of("chat", "security-hub", "eventbridge");

    /** The output whose document --format names (built without a client: only its document is asked for). */
    private static Output printable(String format, Config config) {
        return switch (format) {
            case "chat" -> new SnsChatPublisher(null, config.chatTopicArn());
            case "security-hub" -> new SecurityHubPublisher(null, FindingHistory.NONE, Clock.systemUTC());
            case "eventbridge" ->
                new EventBridgePublisher(null, config.eventBusName() != null ? config.eventBusName() : "default");
            default -> null;
        };
    }

    /**
     * The optional outputs the configuration names, each independent of the others: Security Hub (what it keeps
     * across alerts in {@code store}), the EventBridge bus, then the chat topic, last so that the people reading
     * it learn of a failure of the others. Each needs AWS.
     */
    static Outputs outputs(Config config, AwsClients aws, FindingHistory store) {
        List<Output> out = new ArrayList<>();
        if (config.securityHub()) {
            out.add(new SecurityHubPublisher(
                    needAws(aws, Config.SECURITY_HUB).securityHub(null), store, Clock.systemUTC()));
        }
        if (config.eventBusName() != null) {
            out.add(new EventBridgePublisher(
                    needAws(aws, Config.EVENT_BUS_NAME).eventBridge(null), config.eventBusName()));
        }
        if (config.chatTopicArn() != null) {
            String region = Arn.regionOf(config.chatTopicArn())
                    .orElseThrow(() -> new Config.ConfigException(
                            Config.CHAT_TOPIC_ARN + " '" + config.chatTopicArn() + "' is not an SNS topic ARN"));
            out.add(new SnsChatPublisher(needAws(aws, Config.CHAT_TOPIC_ARN).sns(region), config.chatTopicArn()));
        }
        return new Outputs(out);
    }

    private static AwsClients needAws(AwsClients aws, String setting) {
        if (aws == null) {
            throw new Config.ConfigException(setting + " is set but no AWS credentials are configured to send to it;"
                    + " unset it, or see what it would get with --format chat|security-hub|eventbridge");
        }
        return aws;
    }

    /**
     * The function's own clients for its own account, the member role's in the others (each assumed once per
     * alarm, through STS in the function's Region).
     */
    private static AccountClients accounts(Config config, AwsClients aws, CallerIdentity caller) {
        return new AccountClients(aws, new MemberRoles(aws, config.members()), caller);
    }

    /** Each alarm begins afresh for who the function is (when STS failed) and for the member roles. */
    private static AlarmScope scope(CallerIdentity caller, AccountClients accounts) {
        return alarmName -> {
            caller.begin(alarmName);
            accounts.begin(alarmName);
        };
    }

    /**
     * With AWS it acts (or plans, in dry-run); offline it only plans. Whether it may act at all, mode off
     * included, is for the guard inside each to decide.
     */
    private static Remediator remediator(Config config, AccountClients accounts) {
        if (accounts == null) {
            return new OfflineRemediator(config);
        }
        return new AwsRemediator(
                config,
                accounts::secretsManager,
                accounts::kms,
                new CloudTrailEventConfirmer(
                        accounts::cloudTrail,
                        LookupEventsPacer.SHARED,
                        config.confirmWait(),
                        CONFIRM_RETRY,
                        Clock.systemUTC(),
                        d -> Thread.sleep(d)));
    }

    private static Publisher publisher(Config config, AwsClients aws, PrintStream out, boolean json) {
        if (config.alertTopicArn() == null) {
            return new StreamPublisher(out, json);
        }
        if (aws == null) {
            throw new Config.ConfigException(
                    Config.ALERT_TOPIC_ARN + " is set but no AWS credentials are configured to publish to it");
        }
        String region = Arn.regionOf(config.alertTopicArn())
                .orElseThrow(
                        () -> new Config.ConfigException("'" + config.alertTopicArn() + "' is not an SNS topic ARN"));
        return new SnsPublisher(aws.sns(region), config.alertTopicArn());
    }
}
