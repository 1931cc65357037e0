package io.trailhound.enrich;

import io.trailhound.aws.AwsErrors;
import io.trailhound.aws.CallTimeouts;
import io.trailhound.budget.Budget;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

/**
 * Account names from Organizations ({@code organizations:DescribeAccount}, which only the management account
 * and a delegated administrator may call), asked when an alert first needs an account's name, never during
 * init (SnapStart would keep the snapshot's answers), and kept for the container: a name, an account the
 * organization does not know, and a refusal (no permission, not in an organization), so a function that may
 * not ask asks once per container, not once per alarm. A transient failure (throttling, a 5xx, a timeout, the
 * budget) is not kept: that alarm's remaining accounts go without names and the next alarm asks again.
 */
public final class AwsAccountNames implements AccountNames {
    /** Accounts kept at most: the accounts named by records are chosen by whoever writes them. */
    static final int MAX_KEPT = 10_000;

    /** Answers about one account, not about the caller's right to ask: kept for that account only. */
    private static final Set<String> NO_SUCH_ACCOUNT = Set.of("AccountNotFoundException", "InvalidInputException");

    private final Supplier<OrganizationsClient> client;
    private final Map<String, Optional<String>> known = new ConcurrentHashMap<>();
    private volatile String refusal;

    /** @param client Organizations; built on first need */
    public AwsAccountNames(Supplier<OrganizationsClient> client) {
        this.client = client;
    }

    @Override
    public Map<String, String> of(Collection<String> accounts, Budget budget) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String account : accounts) {
            if (refusal != null) {
                break;
            }
            if (account == null || !account.matches("\\d{12}")) {
                continue; // no such account ID: nothing to ask (RecordCheck reports it as damage)
            }
            Optional<String> name = known.get(account);
            if (name == null) {
                Answer answer = ask(account, budget);
                if (!answer.answered()) {
                    break; // refused (asked no more in this container), or not answering now (asked next alarm)
                }
                name = answer.name();
                if (known.size() < MAX_KEPT) {
                    known.put(account, name);
                }
            }
            name.ifPresent(n -> out.put(account, n));
        }
        return out;
    }

    /**
     * The account's name, empty when the organization has none for it; empty too, and {@code false} from
     * {@link Answer#answered}, when Organizations refused (then {@link #refusal} is set) or did not answer.
     */
    private Answer ask(String account, Budget budget) {
        try {
            var described = client.get()
                    .describeAccount(b -> b.accountId(account)
                            .overrideConfiguration(CallTimeouts.within(budget, "organizations:DescribeAccount")))
                    .account();
            String name = described == null ? null : described.name();
            return new Answer(Optional.ofNullable(name == null || name.isBlank() ? null : name), true);
        } catch (AwsServiceException e) {
            String code =
                    e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (NO_SUCH_ACCOUNT.contains(code)) {
                return new Answer(Optional.empty(), true);
            }
            if (e.statusCode() >= 400 && e.statusCode() < 500 && !e.isThrottlingException()) {
                // AccessDenied, AWSOrganizationsNotInUse: the same answer for every account
                refusal = AwsErrors.describe("organizations:DescribeAccount", e)
                        + "; alerts show account IDs without names until the function restarts";
            }
            return new Answer(Optional.empty(), false);
        } catch (SdkException | Budget.Exhausted e) {
            return new Answer(Optional.empty(), false);
        }
    }

    @Override
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** What one DescribeAccount said: {@code answered} when it is about the account (and so kept). */
    private record Answer(Optional<String> name, boolean answered) {}
}
