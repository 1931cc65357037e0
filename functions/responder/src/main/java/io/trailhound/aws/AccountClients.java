package io.trailhound.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * SDK clients in the account a resource belongs to: the function's own clients for its own account (and for
 * a resource whose record names no account), clients signed with the account's {@link MemberRoles} role
 * otherwise. An account is the function's own only when STS says so ({@code sts:GetCallerIdentity}): if
 * that is unknown, every named account goes through its member role, so the function's own credentials are
 * never used on another account's resource.
 */
public final class AccountClients implements AlarmScope {
    private final AwsClients own;
    private final MemberRoles roles;
    private final CallerIdentity caller;
    private final Map<String, AwsClients> members = new ConcurrentHashMap<>();

    /** @param caller who the function's credentials are (it keeps the answer, or this alarm's failure) */
    public AccountClients(AwsClients own, MemberRoles roles, CallerIdentity caller) {
        this.own = own;
        this.roles = roles;
        this.caller = caller;
    }

    @Override
    public void begin(String alarmName) {
        roles.begin(alarmName);
    }

    public SecretsManagerClient secretsManager(String account, String region) {
        return clients(account).secretsManager(region);
    }

    public KmsClient kms(String account, String region) {
        return clients(account).kms(region);
    }

    public CloudTrailClient cloudTrail(String account, String region) {
        return clients(account).cloudTrail(region);
    }

    /** Whether {@code account} is the function's own (null: the record named none). */
    public boolean isOwn(String account) {
        return account == null || account.equals(ownAccount());
    }

    private AwsClients clients(String account) {
        if (isOwn(account)) {
            return own;
        }
        roles.credentials(account); // assumed now, or CannotAssume before any client is built for it
        // Built once per container and account; each request takes the current alarm's credentials.
        AwsCredentialsProvider credentials = () -> roles.credentials(account);
        return members.computeIfAbsent(account, a -> own.withCredentials(credentials));
    }

    private String ownAccount() {
        try {
            return caller.account();
        } catch (RuntimeException e) {
            return null; // unknown: member roles for every named account (STS is asked again next alarm)
        }
    }
}
