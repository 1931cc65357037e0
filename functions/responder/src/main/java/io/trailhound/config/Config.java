package io.trailhound.config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Everything Trailhound reads from its environment, parsed once. Tests pass a map; Lambda and the CLI pass
 * {@code System.getenv()}.
 */
public record Config(
        String alertTopicArn,
        RemediationMode remediation,
        RemediationScope remediationScope,
        String remediationTag,
        List<String> remediationAllow,
        List<String> remediationDeny,
        int remediationMaxActions,
        boolean reenableKeys,
        Duration lookbackSlack,
        int maxEvents,
        Duration confirmWait,
        String region,
        URI endpointOverride,
        StaticCredentials staticCredentials,
        String idempotencyTable,
        Duration suppressionWindow,
        String chatTopicArn,
        boolean securityHub,
        String eventBusName,
        MemberAccess members) {

    public Config {
        remediationAllow = List.copyOf(remediationAllow);
        remediationDeny = List.copyOf(remediationDeny);
    }

    /**
     * How Trailhound reaches the other accounts of an organization: the role it assumes in each
     * ({@code roleName}, with {@code externalId} when set) and the accounts besides its own where remediation
     * may act ({@code remediationAccounts}; none by default).
     */
    public record MemberAccess(String roleName, String externalId, List<String> remediationAccounts) {
        public MemberAccess {
            remediationAccounts = List.copyOf(remediationAccounts);
        }

        public static final MemberAccess DEFAULT = new MemberAccess(DEFAULT_MEMBER_ROLE_NAME, null, List.of());
    }

    /** In the userAgent of every CloudTrail event Trailhound's own AWS calls cause: how it knows them. */
    public static final String USER_AGENT = "trailhound/0.1.0";

    public static final String ALERT_TOPIC_ARN = "ALERT_TOPIC_ARN";
    public static final String REMEDIATION = "REMEDIATION";
    public static final String REMEDIATION_TAG = "REMEDIATION_TAG";
    public static final String REMEDIATION_SCOPE = "REMEDIATION_SCOPE";
    public static final String REMEDIATION_ALLOW = "REMEDIATION_ALLOW";
    public static final String REMEDIATION_DENY = "REMEDIATION_DENY";
    public static final String REMEDIATION_MAX_ACTIONS = "REMEDIATION_MAX_ACTIONS";
    public static final String REENABLE_KEYS = "REENABLE_KEYS";
    public static final String LOOKBACK_SLACK = "LOOKBACK_SLACK";
    public static final String MAX_EVENTS = "MAX_EVENTS";
    public static final String CONFIRM_WAIT = "CONFIRM_WAIT";
    public static final String AWS_REGION = "AWS_REGION";
    public static final String AWS_DEFAULT_REGION = "AWS_DEFAULT_REGION";
    public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
    /** The DynamoDB table that makes each notification yield one alert (Lambda); unset: no such record. */
    public static final String IDEMPOTENCY_TABLE = "IDEMPOTENCY_TABLE";
    /** Subscription mode: one alert per resource × caller per window (ISO-8601 duration); later events are counted. */
    public static final String SUPPRESSION_WINDOW = "SUPPRESSION_WINDOW";

    /** The role Trailhound assumes in a member account to describe, confirm and remediate there. */
    public static final String MEMBER_ROLE_NAME = "MEMBER_ROLE_NAME";
    /** The external ID the member role's trust policy requires, if it requires one. */
    public static final String MEMBER_ROLE_EXTERNAL_ID = "MEMBER_ROLE_EXTERNAL_ID";
    /** Member accounts (comma-separated IDs) where remediation may act; the function's own always may. */
    public static final String REMEDIATION_ACCOUNTS = "REMEDIATION_ACCOUNTS";

    public static final String DEFAULT_MEMBER_ROLE_NAME = "TrailhoundMember";

    /** The topic Amazon Q Developer in chat applications maps to a Slack or Teams channel; unset: no chat message. */
    public static final String CHAT_TOPIC_ARN = "CHAT_TOPIC_ARN";
    /** {@code on}: every finding group becomes (or updates) a Security Hub finding; {@code off} (default): none. */
    public static final String SECURITY_HUB = "SECURITY_HUB";
    /** The EventBridge bus that gets one "Trailhound Alert" event per alert; unset: no event. */
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";

    public static final Duration DEFAULT_SUPPRESSION_WINDOW = Duration.ofMinutes(15);

    public static final Duration DEFAULT_SLACK = Duration.ofMinutes(10);
    /** How long an event missing from CloudTrail's event history is asked for again before "not confirmed yet". */
    public static final Duration DEFAULT_CONFIRM_WAIT = Duration.ofSeconds(20);

    public static final int DEFAULT_MAX_EVENTS = 100_000;
    public static final int DEFAULT_REMEDIATION_MAX_ACTIONS = 5;
    public static final String DEFAULT_REMEDIATION_TAG = "trailhound:auto-cancel";

    public enum RemediationMode {
        OFF,
        DRY_RUN,
        ON;

        public static RemediationMode parse(String text) {
            return switch (text.trim().toLowerCase()) {
                case "off", "" -> OFF;
                case "dry-run", "dryrun", "dry_run" -> DRY_RUN;
                case "on" -> ON;
                default -> throw new ConfigException("remediation must be off, dry-run or on, not '" + text + "'");
            };
        }
    }

    /** Which resources remediation may touch: only those tagged {@code <tag>=true}, or any. */
    public enum RemediationScope {
        TAGGED,
        ALL;

        public static RemediationScope parse(String text) {
            return switch (text.trim().toLowerCase()) {
                case "tagged", "" -> TAGGED;
                case "all" -> ALL;
                default -> throw new ConfigException(REMEDIATION_SCOPE + " must be tagged or all, not '" + text + "'");
            };
        }
    }

    /** Explicit keys from the given environment (tests, the CLI); otherwise the SDK's default chain is used. */
    public record StaticCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {}

    public static Config from(Map<String, String> env) {
        String region = firstNonBlank(env.get(AWS_REGION), env.get(AWS_DEFAULT_REGION));
        String endpoint = blankToNull(env.get(AWS_ENDPOINT_URL));
        String key = blankToNull(env.get("AWS_ACCESS_KEY_ID"));
        String secret = blankToNull(env.get("AWS_SECRET_ACCESS_KEY"));
        return new Config(
                blankToNull(env.get(ALERT_TOPIC_ARN)),
                RemediationMode.parse(env.getOrDefault(REMEDIATION, "off")),
                RemediationScope.parse(env.getOrDefault(REMEDIATION_SCOPE, "tagged")),
                firstNonBlank(env.get(REMEDIATION_TAG), DEFAULT_REMEDIATION_TAG),
                list(env.get(REMEDIATION_ALLOW)),
                list(env.get(REMEDIATION_DENY)),
                positiveInt(REMEDIATION_MAX_ACTIONS, env.get(REMEDIATION_MAX_ACTIONS), DEFAULT_REMEDIATION_MAX_ACTIONS),
                Boolean.parseBoolean(env.getOrDefault(REENABLE_KEYS, "false").trim()),
                duration(LOOKBACK_SLACK, env.get(LOOKBACK_SLACK), DEFAULT_SLACK),
                positiveInt(MAX_EVENTS, env.get(MAX_EVENTS), DEFAULT_MAX_EVENTS),
                duration(CONFIRM_WAIT, env.get(CONFIRM_WAIT), DEFAULT_CONFIRM_WAIT),
                region,
                endpoint == null ? null : URI.create(endpoint),
                key != null && secret != null
                        ? new StaticCredentials(key, secret, blankToNull(env.get("AWS_SESSION_TOKEN")))
                        : null,
                blankToNull(env.get(IDEMPOTENCY_TABLE)),
                duration(SUPPRESSION_WINDOW, env.get(SUPPRESSION_WINDOW), DEFAULT_SUPPRESSION_WINDOW),
                blankToNull(env.get(CHAT_TOPIC_ARN)),
                onOff(SECURITY_HUB, env.get(SECURITY_HUB)),
                blankToNull(env.get(EVENT_BUS_NAME)),
                new MemberAccess(
                        roleName(env.get(MEMBER_ROLE_NAME)),
                        blankToNull(env.get(MEMBER_ROLE_EXTERNAL_ID)),
                        accountIds(env.get(REMEDIATION_ACCOUNTS))));
    }

    public Config withRemediation(RemediationMode mode) {
        return new Config(
                alertTopicArn,
                mode,
                remediationScope,
                remediationTag,
                remediationAllow,
                remediationDeny,
                remediationMaxActions,
                reenableKeys,
                lookbackSlack,
                maxEvents,
                confirmWait,
                region,
                endpointOverride,
                staticCredentials,
                idempotencyTable,
                suppressionWindow,
                chatTopicArn,
                securityHub,
                eventBusName,
                members);
    }

    /** True when this environment names AWS credentials or an endpoint, so AWS calls are meant to be made. */
    public static boolean awsConfigured(Map<String, String> env) {
        for (String name : new String[] {
            "AWS_ACCESS_KEY_ID",
            "AWS_PROFILE",
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            AWS_ENDPOINT_URL
        }) {
            if (blankToNull(env.get(name)) != null) {
                return true;
            }
        }
        return false;
    }

    private static Duration duration(String name, String text, Duration fallback) {
        if (blankToNull(text) == null) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(text.trim());
            if (d.isNegative()) {
                throw new ConfigException(name + " must not be negative: " + text);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new ConfigException(name + " must be an ISO-8601 duration such as PT10M, not '" + text + "'");
        }
    }

    /** {@code on} or {@code off} (also true/false); unset is off. */
    private static boolean onOff(String name, String text) {
        if (blankToNull(text) == null) {
            return false;
        }
        return switch (text.trim().toLowerCase()) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new ConfigException(name + " must be on or off, not '" + text + "'");
        };
    }

    /** Comma-separated values, blanks dropped. */
    private static List<String> list(String text) {
        if (blankToNull(text) == null) {
            return List.of();
        }
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** An IAM role name (a path is not part of it): 1-64 of letters, digits and +=,.@_- */
    private static String roleName(String text) {
        if (blankToNull(text) == null) {
            return DEFAULT_MEMBER_ROLE_NAME;
        }
        String name = text.trim();
        if (!name.matches("[\\w+=,.@-]{1,64}")) {
            throw new ConfigException(MEMBER_ROLE_NAME + " must be an IAM role name (1-64 of letters, digits and"
                    + " +=,.@_-), not '" + text + "'");
        }
        return name;
    }

    private static List<String> accountIds(String text) {
        List<String> ids = list(text);
        for (String id : ids) {
            if (!id.matches("[0-9]{12}")) {
                throw new ConfigException(REMEDIATION_ACCOUNTS + " must list 12-digit account IDs, not '" + id + "'");
            }
        }
        return ids;
    }

    private static int positiveInt(String name, String text, int fallback) {
        if (blankToNull(text) == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new ConfigException(name + " must be a positive whole number, not '" + text + "'");
    }

    private static String firstNonBlank(String a, String b) {
        return blankToNull(a) != null ? a.trim() : blankToNull(b) != null ? b.trim() : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public static class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
