package io.trailhound.aws;

import io.trailhound.config.Config;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The member role of each account ({@code arn:<partition>:iam::<account>:role/<MEMBER_ROLE_NAME>}), assumed
 * with the function's own credentials, once per account and alarm: the session is named after the alarm
 * (so the member account's CloudTrail says which alarm Trailhound was answering), the credentials, or the
 * failure, are kept until the next alarm begins. A failure is kept too: one refusal per account and alarm,
 * not one per resource.
 */
public final class MemberRoles implements AlarmScope {
    /** AssumeRole's shortest session: an alarm is handled within one Lambda invocation (at most 15 minutes). */
    static final int SESSION_SECONDS = 900;

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<StsClient> sts;
    private final String partition;
    private final Config.MemberAccess access;
    private volatile String sessionName = sessionName(null);
    private volatile Map<String, Assumed> assumed = new ConcurrentHashMap<>();

    /** Assumes with {@code aws}'s own credentials, through STS in its Region (and that Region's partition). */
    public MemberRoles(AwsClients aws, Config.MemberAccess access) {
        this(() -> aws.sts(null), Regions.partition(aws.region(null)), access);
    }

    MemberRoles(Supplier<StsClient> sts, String partition, Config.MemberAccess access) {
        this.sts = sts;
        this.partition = partition;
        this.access = access;
    }

    @Override
    public void begin(String alarmName) {
        sessionName = sessionName(alarmName);
        assumed = new ConcurrentHashMap<>();
    }

    /** The role's ARN in {@code account}. */
    public String roleArn(String account) {
        return "arn:" + partition + ":iam::" + account + ":role/" + access.roleName();
    }

    /** This alarm's credentials for {@code account}, assumed on first use; throws {@link CannotAssume}. */
    public AwsSessionCredentials credentials(String account) {
        return assumed.computeIfAbsent(account, Assumed::new).get();
    }

    /** RoleSessionName allows 2-64 of [\w+=,.@-]: "trailhound-" and the alarm's name, other characters as '-'. */
    static String sessionName(String alarmName) {
        String name = "trailhound-" + (alarmName == null ? "alarm" : alarmName.replaceAll("[^\\w+=,.@-]", "-"));
        return name.length() <= 64 ? name : name.substring(0, 64);
    }

    /** One account's assumption, made once by whichever thread asks first. */
    private final class Assumed {
        private final String account;
        private AwsSessionCredentials credentials;
        private CannotAssume failure;

        Assumed(String account) {
            this.account = account;
        }

        synchronized AwsSessionCredentials get() {
            if (credentials == null && failure == null) {
                String role = roleArn(account);
                try {
                    Credentials c = sts.get()
                            .assumeRole(b -> {
                                b.roleArn(role)
                                        .roleSessionName(sessionName)
                                        .durationSeconds(SESSION_SECONDS)
                                        .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT));
                                if (access.externalId() != null) {
                                    b.externalId(access.externalId());
                                }
                            })
                            .credentials();
                    credentials = AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
                } catch (SdkException e) {
                    failure = new CannotAssume(
                            "cannot assume " + role + " in account " + account + " ("
                                    + AwsErrors.describe("sts:AssumeRole", e) + ")",
                            e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return credentials;
        }
    }
}
