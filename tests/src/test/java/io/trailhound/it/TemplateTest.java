package io.trailhound.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkClient;

/**
 * The SAM template: cfn-lint is clean, the SAM transform (aws-sam-translator) succeeds, and the function's
 * role grants exactly the AWS operations the code calls (derived from the source), never more.
 */
class TemplateTest {
    static final Path ROOT = CliJar.ROOT;
    static final Path TEMPLATE = ROOT.resolve("template.yaml");
    static final ObjectMapper JSON = new ObjectMapper();
    /** The SDK clients the responder uses, with their IAM service prefixes. */
    static final Map<Class<? extends SdkClient>, String> CLIENTS = Map.ofEntries(
            Map.entry(software.amazon.awssdk.services.securityhub.SecurityHubClient.class, "securityhub"),
            Map.entry(software.amazon.awssdk.services.eventbridge.EventBridgeClient.class, "events"),
            Map.entry(software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient.class, "logs"),
            Map.entry(software.amazon.awssdk.services.cloudtrail.CloudTrailClient.class, "cloudtrail"),
            Map.entry(software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.class, "secretsmanager"),
            Map.entry(software.amazon.awssdk.services.kms.KmsClient.class, "kms"),
            Map.entry(software.amazon.awssdk.services.sns.SnsClient.class, "sns"),
            Map.entry(software.amazon.awssdk.services.sts.StsClient.class, "sts"),
            Map.entry(software.amazon.awssdk.services.organizations.OrganizationsClient.class, "organizations"),
            Map.entry(software.amazon.awssdk.services.cloudwatch.CloudWatchClient.class, "cloudwatch"),
            Map.entry(software.amazon.awssdk.services.dynamodb.DynamoDbClient.class, "dynamodb"));
    /** Called by the code but needing no permission: "No permissions are required to perform this operation." */
    static final Set<String> NO_PERMISSION_NEEDED = Set.of("sts:GetCallerIdentity");
    /** Needed although no SDK call names them: publishing to a KMS-encrypted topic. */
    static final Set<String> IMPLIED = Set.of("kms:GenerateDataKey", "kms:Decrypt");
    /** Actions only present when remediation is enabled (RemediationMode != off). */
    static final Set<String> REMEDIATION =
            Set.of("secretsmanager:RestoreSecret", "kms:CancelKeyDeletion", "kms:EnableKey");

    record Run(int status, String out, String err) {}

    static Run run(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("cmd", ".out");
        Path err = Files.createTempFile("cmd", ".err");
        Process p;
        try {
            p = new ProcessBuilder(command)
                    .directory(ROOT.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    command[0] + " is not installed: pip install cfn-lint aws-sam-translator", e);
        }
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 180 s");
        }
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void cfnLintIsClean() throws Exception {
        Run lint = run("cfn-lint", TEMPLATE.toString());
        assertThat(lint.out() + lint.err()).isEmpty();
        assertThat(lint.status()).isZero();
    }

    private static JsonNode defaultTransform;

    /** The transformed template; with default parameters it is computed once for all tests (about a second each). */
    static synchronized JsonNode transform(String... overrides) throws Exception {
        if (overrides.length == 0) {
            if (defaultTransform == null) {
                defaultTransform = runTransform();
            }
            return defaultTransform;
        }
        return runTransform(overrides);
    }

    private static JsonNode runTransform(String... overrides) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "python3",
                ROOT.resolve("tests/src/test/resources/sam_translate.py").toString(),
                TEMPLATE.toString()));
        command.addAll(List.of(overrides));
        Run t = run(command.toArray(String[]::new));
        assertThat(t.status()).as(t.err()).isZero();
        return JSON.readTree(t.out());
    }

    @Test
    void samTransformWiresTheAliasToTheAlarmTopicWithSnapStart() throws Exception {
        JsonNode resources = transform().path("Resources");
        JsonNode function = resources.path("ResponderFunction").path("Properties");
        assertThat(function.path("Runtime").asText()).isEqualTo("java21");
        assertThat(function.at("/SnapStart/ApplyOn").asText()).isEqualTo("PublishedVersions");
        assertThat(resources.path("ResponderFunctionAliaslive").path("Type").asText())
                .isEqualTo("AWS::Lambda::Alias");
        JsonNode subscription = resources.path("ResponderFunctionAlarm").path("Properties");
        assertThat(subscription.at("/TopicArn/Ref").asText()).isEqualTo("AlarmTopic");
        assertThat(subscription.at("/Endpoint/Ref").asText())
                .as("SNS invokes the published alias")
                .isEqualTo("ResponderFunctionAliaslive");
        assertThat(resources
                        .path("ResponderFunctionEventInvokeConfig")
                        .at("/Properties/DestinationConfig/OnFailure/Destination/Fn::GetAtt/0")
                        .asText())
                .isEqualTo("FailureQueue");
    }

    /** "{ a } " to "(a)": a metric filter's pattern as one part of the subscription filter's || . */
    static String part(String metricPattern) {
        String inner = metricPattern.strip();
        return "(" + inner.substring(1, inner.length() - 1).strip() + ")";
    }

    @Test
    void subscriptionModeJoinsTheMetricFiltersPatternsIntoOneFilterThatTargetsTheAliasFromTheTrailLogGroupOnly()
            throws Exception {
        JsonNode r = transform().path("Resources");
        JsonNode filter = r.path("TrailSubscriptionFilter");
        assertThat(filter.path("Condition").asText()).isEqualTo("SubscriptionOn");
        assertThat(filter.at("/Properties/DestinationArn/Ref").asText()).isEqualTo("ResponderFunctionAliaslive");
        JsonNode join = filter.at("/Properties/FilterPattern/Fn::Join/1");
        List<String> whenAllOn = new java.util.ArrayList<>();
        List<String> whenAllOff = new java.util.ArrayList<>();
        for (JsonNode piece : join) {
            whenAllOn.add(
                    piece.isTextual() ? piece.asText() : piece.at("/Fn::If/1").asText());
            whenAllOff.add(
                    piece.isTextual() ? piece.asText() : piece.at("/Fn::If/2").asText());
        }
        String pattern = String.join("", whenAllOn);
        assertThat(pattern)
                .isEqualTo("{ " + part(io.trailhound.evidence.MetricFilterCatalog.SECRET_PATTERN) + " || "
                        + part(io.trailhound.evidence.MetricFilterCatalog.KMS_PATTERN) + " || "
                        + part(io.trailhound.evidence.MetricFilterCatalog.ROOT_PATTERN) + " }");
        var combined = io.trailhound.pattern.FilterPattern.compile(pattern);
        var never = io.trailhound.pattern.FilterPattern.compile(String.join("", whenAllOff));
        for (String record : List.of(
                "{\"eventName\":\"GetSecretValue\",\"errorMessage\":\"You can't perform this operation on the secret because it was marked for deletion.\"}",
                "{\"eventSource\":\"kms.amazonaws.com\",\"eventName\":\"Decrypt\",\"errorMessage\":\"arn:aws:kms:us-east-1:111122223333:key/k is pending deletion.\"}",
                "{\"eventName\":\"ConsoleLogin\",\"eventType\":\"AwsConsoleSignIn\",\"userIdentity\":{\"type\":\"Root\"}}")) {
            assertThat(combined.matches(record)).as(record).isTrue();
            assertThat(never.matches(record))
                    .as("a disabled detection's clause matches nothing: " + record)
                    .isFalse();
        }
        assertThat(combined.matches("{\"eventName\":\"GetSecretValue\"}")).isFalse();
        JsonNode permission = r.path("SubscriptionInvokePermission").path("Properties");
        assertThat(permission.path("Principal").asText()).isEqualTo("logs.amazonaws.com");
        assertThat(permission.at("/FunctionName/Ref").asText()).isEqualTo("ResponderFunctionAliaslive");
        assertThat(permission.at("/SourceArn/Fn::Sub/0").asText()).contains(":log-group:${Group}:*");
        assertThat(r.at("/SecretsAlarm/Properties/ActionsEnabled/Fn::If/0").asText())
                .as("subscription-only mode silences the alarms' actions")
                .isEqualTo("AlarmsOn");
    }

    @Test
    void functionRunsWithTheClientCompilerOnlyAsMeasured() throws Exception {
        JsonNode env = transform().at("/Resources/ResponderFunction/Properties/Environment/Variables");
        assertThat(env.path("JAVA_TOOL_OPTIONS").asText())
                .as("chosen with bench/run --only lambda; see docs/DESIGN.md")
                .isEqualTo("-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
    }

    @Test
    void documentedAlarmNamesPatternsAndThresholds() throws Exception {
        JsonNode r = transform().path("Resources");
        assertThat(r.at("/SecretsAlarm/Properties/AlarmName").asText())
                .isEqualTo("AttemptsToAccessDeletedSecretsAlarm");
        assertThat(r.at("/SecretsMetricFilter/Properties/FilterPattern").asText())
                .isEqualTo(io.trailhound.evidence.MetricFilterCatalog.SECRET_PATTERN);
        assertThat(r.at("/KmsMetricFilter/Properties/FilterPattern").asText())
                .isEqualTo(io.trailhound.evidence.MetricFilterCatalog.KMS_PATTERN);
        assertThat(r.at("/RootMetricFilter/Properties/FilterPattern").asText())
                .isEqualTo(io.trailhound.evidence.MetricFilterCatalog.ROOT_PATTERN);
        for (String alarm : List.of("SecretsAlarm", "KmsAlarm", "RootAlarm")) {
            JsonNode p = r.path(alarm).path("Properties");
            assertThat(p.path("Threshold").asInt()).isEqualTo(1);
            assertThat(p.path("Period").asInt()).isEqualTo(300);
            assertThat(p.path("EvaluationPeriods").asInt()).isEqualTo(1);
            assertThat(p.path("DatapointsToAlarm").asInt()).isEqualTo(1);
            assertThat(p.path("Statistic").asText()).isEqualTo("Sum");
            assertThat(p.path("TreatMissingData").asText()).isEqualTo("notBreaching");
            assertThat(p.path("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
        }
    }

    /** Every AWS operation the main code calls on an SDK client: `.describeSecret(` and the like. */
    static Set<String> operationsCalledByTheCode() throws IOException {
        return operationsCalledBy(source -> true);
    }

    /**
     * Every AWS operation called in a member account: the adapters that take their client per account and
     * Region ({@code InAccount}) are the ones that act on a resource where it lives.
     */
    static Set<String> operationsCalledInMemberAccounts() throws IOException {
        return operationsCalledBy(source -> source.contains("InAccount<"));
    }

    /** The operations called by the main sources that {@code which} selects. */
    static Set<String> operationsCalledBy(java.util.function.Predicate<String> which) throws IOException {
        Set<String> calls = new TreeSet<>();
        Pattern call = Pattern.compile("\\.([a-z][A-Za-z]+)\\(");
        List<String> sources;
        try (Stream<Path> files = Files.walk(ROOT.resolve("functions/responder/src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> {
                        try {
                            return Files.readString(p);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .filter(which)
                    .toList();
        }
        for (var client : CLIENTS.entrySet()) {
            Map<String, String> operations = new java.util.HashMap<>(); // method name -> operation
            for (Method m : client.getKey().getMethods()) {
                if (m.getParameterCount() != 1) {
                    continue;
                }
                if (m.getReturnType().getSimpleName().endsWith("Response")) {
                    operations.put(m.getName(), m.getName());
                } else if (m.getName().endsWith("Paginator")) { // listAliasesPaginator(...) calls ListAliases
                    operations.put(
                            m.getName(), m.getName().substring(0, m.getName().length() - "Paginator".length()));
                }
            }
            for (String source : sources) {
                if (!source.contains(client.getKey().getSimpleName())) {
                    continue; // only files that hold this client
                }
                Matcher matcher = call.matcher(source);
                while (matcher.find()) {
                    if (operations.containsKey(matcher.group(1))) {
                        String name = operations.get(matcher.group(1));
                        calls.add(client.getValue() + ":" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
                    }
                }
            }
        }
        return calls;
    }

    static Set<String> grantedActions(JsonNode resources) throws IOException {
        Set<String> actions = new TreeSet<>();
        for (JsonNode statement : roleStatements(resources)) {
            collect(statement, actions);
        }
        for (String variant : remediationPolicies(resources)) {
            for (JsonNode statement : JSON.readTree(variant).path("Statement")) {
                collect(statement, actions);
            }
        }
        return actions;
    }

    static List<JsonNode> roleStatements(JsonNode resources) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode policy : resources.at("/ResponderFunctionRole/Properties/Policies")) {
            policy.at("/PolicyDocument/Statement").forEach(out::add);
        }
        return out;
    }

    /**
     * The remediation policy is a !Sub JSON string (its condition key holds the tag parameter): every variant
     * CloudFormation can make of it, tagged or not, with or without EnableKey, as JSON text.
     */
    static List<String> remediationPolicies(JsonNode resources) {
        JsonNode sub = resources.at("/ResponderRemediationPolicy/Properties/PolicyDocument/Fn::Sub");
        String template = sub.get(0).asText();
        JsonNode vars = sub.get(1);
        List<String> out = new ArrayList<>();
        JsonNode tag = vars.at("/TagCondition/Fn::If");
        JsonNode keys = vars.at("/KeyActions/Fn::If");
        for (String tagCondition : List.of(
                tag.get(1).at("/Fn::Sub").asText().replace("${RemediationTag}", "trailhound:auto-cancel"),
                tag.get(2).asText())) {
            for (String keyActions : List.of(keys.get(1).asText(), keys.get(2).asText())) {
                out.add(template.replace("${TagCondition}", tagCondition)
                        .replace("${KeyActions}", keyActions)
                        .replace("${AWS::Partition}", "aws")
                        .replace("${AWS::AccountId}", "111122223333"));
            }
        }
        return out;
    }

    /** Statements may sit inside Fn::If (remediation); both branches are read. */
    private static void collect(JsonNode statement, Set<String> actions) {
        if (statement.has("Fn::If")) {
            collect(statement.get("Fn::If").get(1), actions);
            collect(statement.get("Fn::If").get(2), actions);
            return;
        }
        if (!"Allow".equals(statement.path("Effect").asText())) {
            return;
        }
        JsonNode action = statement.path("Action");
        if (action.isArray()) {
            action.forEach(a -> actions.add(a.asText()));
        } else if (action.isTextual()) {
            actions.add(action.asText());
        }
    }

    @Test
    void roleGrantsExactlyTheOperationsTheCodeCalls() throws Exception {
        Set<String> called = operationsCalledByTheCode();
        assertThat(called)
                .as("sanity: the scan finds the calls we know of")
                .contains("secretsmanager:DescribeSecret", "kms:DescribeKey", "logs:FilterLogEvents", "sns:Publish");
        Set<String> granted = grantedActions(transform().path("Resources"));
        Set<String> expected = new TreeSet<>(called);
        expected.removeAll(NO_PERMISSION_NEEDED);
        expected.addAll(IMPLIED);
        expected.add("sqs:SendMessage"); // Lambda's on-failure destination
        expected.addAll(
                Set.of("logs:CreateLogStream", "logs:PutLogEvents")); // the runtime writes the function's own logs
        assertThat(granted).isEqualTo(expected);
        assertThat(granted).noneMatch(a -> a.contains("*")).doesNotContain("secretsmanager:GetSecretValue");
    }

    @Test
    void itsOwnLoggingIsScopedToItsOwnLogGroup() throws Exception {
        JsonNode resources = transform().path("Resources");
        JsonNode role = resources.path("ResponderFunctionRole").path("Properties");
        assertThat(role.path("ManagedPolicyArns").isMissingNode()
                        || role.path("ManagedPolicyArns").isEmpty())
                .as("no AWSLambdaBasicExecutionRole (logs on every log group)")
                .isTrue();
        assertThat(resources
                        .at("/ResponderFunction/Properties/Role/Fn::GetAtt/0")
                        .asText())
                .isEqualTo("ResponderFunctionRole");
        List<JsonNode> logging = roleStatements(resources).stream()
                .filter(st -> st.path("Action").toString().contains("logs:PutLogEvents"))
                .toList();
        assertThat(logging).singleElement().satisfies(st -> {
            assertThat(st.path("Resource").toString()).isEqualTo("{\"Fn::GetAtt\":[\"ResponderLogGroup\",\"Arn\"]}");
            assertThat(st.path("Action").toString()).isEqualTo("[\"logs:CreateLogStream\",\"logs:PutLogEvents\"]");
        });
    }

    @Test
    void taggedScopeCarriesTheResourceTagConditionAndEnableKeyNeedsReenableKeys() throws Exception {
        JsonNode resources = transform().path("Resources");
        assertThat(resources.at("/ResponderRemediationPolicy/Condition").asText())
                .isEqualTo("RemediationEnabled");
        JsonNode conditions = transform().path("Conditions");
        assertThat(conditions.at("/RemediationTagged/Fn::Equals").toString())
                .isEqualTo("[{\"Ref\":\"RemediationScope\"},\"tagged\"]");
        assertThat(conditions.at("/ReenableKeysOn/Fn::Equals").toString())
                .isEqualTo("[{\"Ref\":\"ReenableKeys\"},\"true\"]");
        JsonNode sub = resources.at("/ResponderRemediationPolicy/Properties/PolicyDocument/Fn::Sub/1");
        assertThat(sub.at("/TagCondition/Fn::If/0").asText()).isEqualTo("RemediationTagged");
        assertThat(sub.at("/KeyActions/Fn::If/0").asText()).isEqualTo("ReenableKeysOn");
        List<String> variants = remediationPolicies(resources); // tagged+enable, tagged, all+enable, all
        for (int i = 0; i < 4; i++) {
            JsonNode statements = JSON.readTree(variants.get(i)).path("Statement");
            boolean tagged = i < 2;
            boolean enable = i % 2 == 0;
            for (JsonNode st : statements) {
                assertThat(st.at("/Condition/StringEquals/aws:ResourceTag~1trailhound:auto-cancel")
                                .asText())
                        .as("variant " + i + " " + st.path("Sid").asText())
                        .isEqualTo(tagged ? "true" : "");
            }
            assertThat(statements.toString().contains("kms:EnableKey"))
                    .as("variant " + i)
                    .isEqualTo(enable);
            assertThat(statements.toString()).contains("secretsmanager:RestoreSecret", "kms:CancelKeyDeletion");
        }
    }

    @Test
    void onlyCloudWatchAlarmsOfThisAccountMayPublishToTheAlarmTopic() throws Exception {
        JsonNode statements = transform().at("/Resources/AlarmTopicPolicy/Properties/PolicyDocument/Statement");
        String alarms = "{\"Fn::Sub\":\"arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*\"}";
        JsonNode allow = null;
        JsonNode deny = null;
        for (JsonNode st : statements) {
            if ("Allow".equals(st.path("Effect").asText())) {
                allow = st;
            }
            if ("NobodyElsePublishes".equals(st.path("Sid").asText())) {
                deny = st;
            }
        }
        assertThat(allow.at("/Principal/Service").asText()).isEqualTo("cloudwatch.amazonaws.com");
        assertThat(allow.at("/Condition/ArnLike/aws:SourceArn").toString()).isEqualTo(alarms);
        assertThat(allow.at("/Condition/StringEquals/aws:SourceAccount/Ref").asText())
                .isEqualTo("AWS::AccountId");
        assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
        assertThat(deny.path("Principal").asText()).isEqualTo("*");
        assertThat(deny.path("Action").asText()).isEqualTo("sns:Publish");
        assertThat(deny.at("/Condition/ArnNotLike/aws:SourceArn").toString()).isEqualTo(alarms);
    }

    @Test
    void idempotencyTableIsOnDemandEncryptedWithTtlAndTheFunctionMayOnlyGetPutAndUpdate() throws Exception {
        JsonNode r = transform().path("Resources");
        JsonNode table = r.at("/IdempotencyTable/Properties");
        assertThat(table.path("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
        assertThat(table.at("/KeySchema/0/AttributeName").asText()).isEqualTo("id");
        assertThat(table.at("/AttributeDefinitions/0/AttributeType").asText()).isEqualTo("S");
        assertThat(table.at("/TimeToLiveSpecification/Enabled").asBoolean()).isTrue();
        assertThat(table.at("/TimeToLiveSpecification/AttributeName").asText()).isEqualTo("expiresAt");
        assertThat(table.at("/SSESpecification/SSEEnabled").asBoolean()).isTrue();
        assertThat(r.at("/ResponderFunction/Properties/Environment/Variables/IDEMPOTENCY_TABLE/Ref")
                        .asText())
                .isEqualTo("IdempotencyTable");
        String policies = r.at("/ResponderFunctionRole/Properties/Policies").toString();
        assertThat(grantedActions(r).stream().filter(a -> a.startsWith("dynamodb:")))
                .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");
        assertThat(policies).contains("{\"Fn::GetAtt\":[\"IdempotencyTable\",\"Arn\"]}");
    }

    @Test
    void aMessageInTheFailureQueueAlarmsTheAlertTopicDirectly() throws Exception {
        JsonNode r = transform().path("Resources");
        JsonNode alarm = r.at("/FailureQueueAlarm/Properties");
        assertThat(alarm.path("Namespace").asText()).isEqualTo("AWS/SQS");
        assertThat(alarm.path("MetricName").asText()).isEqualTo("ApproximateNumberOfMessagesVisible");
        assertThat(alarm.at("/Dimensions/0/Value/Fn::GetAtt/0").asText()).isEqualTo("FailureQueue");
        assertThat(alarm.path("Threshold").asInt()).isZero();
        assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
        assertThat(alarm.at("/AlarmActions/0/Ref").asText())
                .as("people, not the function")
                .isEqualTo("AlertTopic");
        String topicPolicy = r.at("/AlertTopicPolicy/Properties/PolicyDocument").toString();
        assertThat(topicPolicy)
                .contains("\"Service\":\"cloudwatch.amazonaws.com\"")
                .contains("aws:SourceAccount");
    }

    /** The statement with {@code sid} in the role's policy, from inside its Fn::If (the branch when the condition holds). */
    static JsonNode conditional(JsonNode resources, String sid, String condition) {
        for (JsonNode st : roleStatements(resources)) {
            JsonNode when = st.path("Fn::If");
            if (when.isArray() && when.get(1).path("Sid").asText().equals(sid)) {
                assertThat(when.get(0).asText())
                        .as(sid + " only when " + condition)
                        .isEqualTo(condition);
                assertThat(when.get(2).toString()).isEqualTo("{\"Ref\":\"AWS::NoValue\"}");
                return when.get(1);
            }
        }
        throw new AssertionError("no conditional statement " + sid);
    }

    @Test
    void accountNamesAreReadOnlyForTheOrganizationsAccountsWhenItIsNamed() throws Exception {
        JsonNode names = roleStatements(transform().path("Resources")).stream()
                .filter(st -> st.path("Sid").asText().equals("AccountNamesForTheAlert"))
                .findFirst()
                .orElseThrow();
        assertThat(names.path("Action").asText()).isEqualTo("organizations:DescribeAccount");
        // Account ARNs are arn:<partition>:organizations::<management account>:account/o-<org>/<account id>.
        assertThat(names.at("/Resource/Fn::If").toString())
                .isEqualTo("[\"MembersOn\","
                        + "{\"Fn::Sub\":\"arn:${AWS::Partition}:organizations::*:account/${OrganizationId}/*\"},"
                        + "{\"Fn::Sub\":\"arn:${AWS::Partition}:organizations::*:account/o-*/*\"}]");
    }

    @Test
    void eachOptionalOutputIsGrantedExactlyItsOneActionOnItsOneResourceAndOnlyWhenConfigured() throws Exception {
        JsonNode r = transform().path("Resources");
        JsonNode chat = conditional(r, "PublishToTheChatTopic", "ChatOn");
        assertThat(chat.path("Action").asText()).isEqualTo("sns:Publish");
        assertThat(chat.at("/Resource/Ref").asText()).isEqualTo("ChatTopic");
        JsonNode hub = conditional(r, "ImportFindingsIntoTheAccountsOwnProduct", "SecurityHubOn");
        assertThat(hub.path("Action").asText()).isEqualTo("securityhub:BatchImportFindings");
        assertThat(hub.at("/Resource/Fn::Sub").asText())
                .isEqualTo(
                        "arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:product/${AWS::AccountId}/default");
        JsonNode bus = conditional(r, "PutAlertEventsOnTheBus", "HasEventBus");
        assertThat(bus.path("Action").asText()).isEqualTo("events:PutEvents");
        assertThat(bus.at("/Resource/Fn::Sub").asText())
                .isEqualTo("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/${EventBusName}");

        assertThat(r.at("/ChatTopic/Condition").asText()).isEqualTo("ChatOn");
        assertThat(r.at("/ChatTopic/Properties/KmsMasterKeyId/Ref").asText()).isEqualTo("TopicKey");
        JsonNode env = r.at("/ResponderFunction/Properties/Environment/Variables");
        assertThat(env.at("/CHAT_TOPIC_ARN/Fn::If").toString()).isEqualTo("[\"ChatOn\",{\"Ref\":\"ChatTopic\"},\"\"]");
        assertThat(env.at("/SECURITY_HUB/Ref").asText()).isEqualTo("SecurityHub");
        assertThat(env.at("/EVENT_BUS_NAME/Ref").asText()).isEqualTo("EventBusName");
        JsonNode conditions = transform().path("Conditions");
        assertThat(conditions.at("/SecurityHubOn/Fn::Equals").toString())
                .isEqualTo("[{\"Ref\":\"SecurityHub\"},\"on\"]");
        assertThat(conditions.at("/HasEventBus/Fn::Not/0/Fn::Equals").toString())
                .isEqualTo("[{\"Ref\":\"EventBusName\"},\"\"]");
        assertThat(transform().at("/Parameters/SecurityHub/Default").asText()).isEqualTo("off");
        assertThat(transform().at("/Parameters/EnableChat/Default").asText()).isEqualTo("false");
        assertThat(transform().at("/Parameters/EventBusName/Default").asText()).isEmpty();
    }

    @Test
    void remediationPermissionsOnlyWhenRemediationIsOn() throws Exception {
        JsonNode resources = transform().path("Resources");
        assertThat(resources.at("/ResponderRemediationPolicy/Condition").asText())
                .isEqualTo("RemediationEnabled");
        assertThat(resources
                        .at("/ResponderRemediationPolicy/Properties/Roles/0/Ref")
                        .asText())
                .isEqualTo("ResponderFunctionRole");
        String role = resources.at("/ResponderFunctionRole/Properties/Policies").toString();
        for (String action : REMEDIATION) {
            assertThat(role).as(action + " is not in the role's own policy").doesNotContain(action);
        }
        String template = Files.readString(TEMPLATE);
        assertThat(template).contains("RemediationEnabled: !Not [!Equals [!Ref RemediationMode, \"off\"]]");
    }

    /** The member role's own template, as the stack set carries it (JSON). */
    static JsonNode memberTemplate(JsonNode resources) throws IOException {
        return JSON.readTree(
                resources.at("/MemberRoleStackSet/Properties/TemplateBody").asText());
    }

    /** Every variant of the member role's remediation policy (tagged or not, with or without EnableKey), as JSON. */
    static List<JsonNode> memberRemediationPolicies(JsonNode member) throws IOException {
        JsonNode sub = member.at("/Resources/MemberRemediationPolicy/Properties/PolicyDocument/Fn::Sub");
        JsonNode vars = sub.get(1);
        JsonNode tag = vars.at("/TagCondition/Fn::If");
        JsonNode keys = vars.at("/KeyActions/Fn::If");
        List<JsonNode> out = new ArrayList<>();
        for (String tagCondition : List.of(
                tag.get(1).at("/Fn::Sub").asText().replace("${RemediationTag}", "trailhound:auto-cancel"),
                tag.get(2).asText())) {
            for (String keyActions : List.of(keys.get(1).asText(), keys.get(2).asText())) {
                out.add(JSON.readTree(sub.get(0)
                        .asText()
                        .replace("${TagCondition}", tagCondition)
                        .replace("${KeyActions}", keyActions)
                        .replace("${Accounts}", "222222222222\",\"333333333333")
                        .replace("${AWS::Partition}", "aws")
                        .replace("${AWS::AccountId}", "222222222222")));
            }
        }
        return out;
    }

    @Test
    void memberRoleGrantsExactlyTheOperationsTheCodeCallsInAMemberAccount() throws Exception {
        Set<String> called = operationsCalledInMemberAccounts();
        assertThat(called)
                .as("sanity: the scan finds the member-account adapters' calls")
                .contains(
                        "secretsmanager:DescribeSecret",
                        "kms:DescribeKey",
                        "cloudtrail:LookupEvents",
                        "secretsmanager:RestoreSecret",
                        "kms:CancelKeyDeletion")
                .doesNotContain("logs:FilterLogEvents", "sns:Publish");
        JsonNode member = memberTemplate(transform().path("Resources"));
        Set<String> granted = new TreeSet<>();
        for (JsonNode policy : member.at("/Resources/MemberRole/Properties/Policies")) {
            policy.at("/PolicyDocument/Statement").forEach(st -> collect(st, granted));
        }
        Set<String> read = new TreeSet<>(granted);
        for (JsonNode variant : memberRemediationPolicies(member)) {
            variant.path("Statement").forEach(st -> collect(st, granted));
        }
        assertThat(granted).isEqualTo(called);
        assertThat(read)
                .as("the role itself reads; cancelling is the separate, conditional policy")
                .doesNotContainAnyElementsOf(REMEDIATION);
        assertThat(granted).noneMatch(a -> a.contains("*")).doesNotContain("secretsmanager:GetSecretValue");
    }

    @Test
    void memberRoleTrustsOnlyTheFunctionsRoleFromWithinTheOrganization() throws Exception {
        JsonNode resources = transform().path("Resources");
        JsonNode stackSet = resources.path("MemberRoleStackSet");
        assertThat(stackSet.path("Condition").asText()).isEqualTo("MemberStackSetOn");
        assertThat(stackSet.at("/Properties/PermissionModel").asText()).isEqualTo("SERVICE_MANAGED");
        assertThat(stackSet.at("/Properties/StackInstancesGroup/0/DeploymentTargets/OrganizationalUnitIds/Ref")
                        .asText())
                .isEqualTo("MemberOrganizationalUnitIds");
        Map<String, String> params = new java.util.HashMap<>();
        for (JsonNode p : stackSet.at("/Properties/Parameters")) {
            params.put(p.path("ParameterKey").asText(), p.path("ParameterValue").toString());
        }
        assertThat(params.get("CentralRoleArn")).isEqualTo("{\"Fn::GetAtt\":[\"ResponderFunctionRole\",\"Arn\"]}");
        assertThat(params.get("OrganizationId")).isEqualTo("{\"Ref\":\"OrganizationId\"}");
        assertThat(params.get("RemediationAccounts")).isEqualTo("{\"Ref\":\"RemediationAccounts\"}");
        JsonNode trust =
                memberTemplate(resources).at("/Resources/MemberRole/Properties/AssumeRolePolicyDocument/Statement");
        assertThat(trust).singleElement().satisfies(st -> {
            assertThat(st.at("/Principal/AWS/Ref").asText()).isEqualTo("CentralRoleArn");
            assertThat(st.path("Action").asText()).isEqualTo("sts:AssumeRole");
            JsonNode conditions = st.at("/Condition/Fn::If");
            assertThat(conditions
                            .get(1)
                            .at("/StringEquals/aws:PrincipalOrgID/Ref")
                            .asText())
                    .isEqualTo("OrganizationId");
            assertThat(conditions.get(1).at("/StringEquals/sts:ExternalId/Ref").asText())
                    .isEqualTo("ExternalId");
            assertThat(conditions
                            .get(2)
                            .at("/StringEquals/aws:PrincipalOrgID/Ref")
                            .asText())
                    .isEqualTo("OrganizationId");
        });
        JsonNode conditions = transform().path("Conditions");
        assertThat(conditions.at("/MemberStackSetOn/Fn::And").toString())
                .contains("{\"Condition\":\"MembersOn\"}", "{\"Condition\":\"HasMemberOus\"}");
        String assume = roleStatements(resources).stream()
                .filter(st -> st.toString().contains("AssumeMemberRoles"))
                .findFirst()
                .orElseThrow()
                .toString();
        assertThat(assume)
                .as("the central role may assume only the member role, only in the organization")
                .contains("\"Fn::If\":[\"MembersOn\"")
                .contains("arn:${AWS::Partition}:iam::*:role/${MemberRoleName}")
                .contains("\"aws:ResourceOrgID\":{\"Ref\":\"OrganizationId\"}");
    }

    @Test
    void memberRemediationHasTheCentralConditionsAndActsOnlyInTheAllowedAccounts() throws Exception {
        JsonNode member = memberTemplate(transform().path("Resources"));
        assertThat(member.at("/Resources/MemberRemediationPolicy/Condition").asText())
                .isEqualTo("RemediationEnabled");
        assertThat(member.at("/Conditions/RemediationEnabled/Fn::And").toString())
                .as("remediation on, and member accounts named for it")
                .contains("{\"Fn::Equals\":[{\"Ref\":\"RemediationMode\"},\"off\"]}")
                .contains("{\"Fn::Equals\":[{\"Ref\":\"RemediationAccounts\"},\"\"]}");
        List<JsonNode> variants = memberRemediationPolicies(member); // tagged+enable, tagged, all+enable, all
        for (int i = 0; i < 4; i++) {
            boolean tagged = i < 2;
            boolean enable = i % 2 == 0;
            for (JsonNode st : variants.get(i).path("Statement")) {
                JsonNode equals = st.at("/Condition/StringEquals");
                assertThat(equals.path("aws:ResourceAccount").toString())
                        .as("variant " + i)
                        .isEqualTo("[\"222222222222\",\"333333333333\"]");
                assertThat(equals.path("aws:ResourceTag/trailhound:auto-cancel").asText())
                        .as("variant " + i)
                        .isEqualTo(tagged ? "true" : "");
            }
            assertThat(variants.get(i).toString().contains("kms:EnableKey"))
                    .as("variant " + i)
                    .isEqualTo(enable);
        }
    }
}
