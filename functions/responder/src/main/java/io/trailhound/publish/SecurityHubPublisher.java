package io.trailhound.publish;

import io.trailhound.alert.Alert;
import io.trailhound.alert.FindingGroup;
import io.trailhound.alert.NextSteps;
import io.trailhound.alert.RenderedAlert;
import io.trailhound.alert.ResourceKey;
import io.trailhound.config.Arn;
import io.trailhound.detect.Detection;
import io.trailhound.detect.Finding;
import io.trailhound.detect.ResourceRef;
import io.trailhound.detect.ResourceType;
import io.trailhound.enrich.AccountNames;
import io.trailhound.enrich.ResourceFacts;
import io.trailhound.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.Action;
import software.amazon.awssdk.services.securityhub.model.ActionRemoteIpDetails;
import software.amazon.awssdk.services.securityhub.model.AwsApiCallAction;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.Network;
import software.amazon.awssdk.services.securityhub.model.NetworkDirection;
import software.amazon.awssdk.services.securityhub.model.Recommendation;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.Remediation;
import software.amazon.awssdk.services.securityhub.model.Resource;
import software.amazon.awssdk.services.securityhub.model.Severity;
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;
import software.amazon.awssdk.services.securityhub.model.Workflow;
import software.amazon.awssdk.services.securityhub.model.WorkflowStatus;

/**
 * {@code securityhub:BatchImportFindings} into the account's default product: one finding in the AWS Security
 * Finding Format per resource × detection (its groups, whatever the caller, are one finding), with a stable
 * {@code Id}, so a repeat updates the finding instead of adding one: LastObservedAt moves on, the alert count
 * goes up, and the events of the latest alert are counted. The alert count, the first event's time and the
 * first import time are kept across alerts by the idempotency table ({@link FindingHistory});
 * without one (the CLI) each import stands alone. The headline caller and source IP are the finding's API-call action and
 * network source; the next step is its recommendation.
 */
public final class SecurityHubPublisher implements Output {
    /** At most this many findings per alert (BatchImportFindings takes 100; each costs a table update). */
    static final int MAX_FINDINGS = 10;

    static final String SCHEMA_VERSION = "2018-10-08";

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final SecurityHubClient hub;
    private final FindingHistory totals;
    private final Clock clock;

    public SecurityHubPublisher(SecurityHubClient hub, FindingHistory totals, Clock clock) {
        this.hub = hub;
        this.totals = totals;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "Security Hub";
    }

    /** The findings as BatchImportFindings takes them (counts of this alert alone: nothing is recorded). */
    @Override
    public String document(Alert alert, RenderedAlert rendered) {
        var doc = Json.object();
        var list = doc.putArray("Findings");
        findings(alert, FindingHistory.NONE, new String[1]).forEach(f -> list.add(AwsModelJson.of(f)));
        return Json.write(doc);
    }

    @Override
    public String send(Alert alert, RenderedAlert rendered) {
        String[] kept = {null};
        List<AwsSecurityFinding> findings = findings(alert, totals, kept);
        if (findings.isEmpty()) {
            return "securityhub: no finding (no matching events)";
        }
        BatchImportFindingsResponse r = hub.batchImportFindings(b -> b.findings(findings)
                .overrideConfiguration(
                        o -> o.apiCallTimeout(Outputs.CALL_TIMEOUT).apiCallAttemptTimeout(Outputs.ATTEMPT_TIMEOUT)));
        if (r.failedCount() != null && r.failedCount() > 0) {
            var e = r.failedFindings().get(0);
            throw new IllegalStateException(r.failedCount() + " of " + findings.size() + " finding(s) refused, first "
                    + e.id() + ": " + e.errorCode() + " " + e.errorMessage());
        }
        return "securityhub: " + r.successCount() + " finding(s) imported"
                + (kept[0] == null
                        ? ""
                        : " (each with this alert's own counts: the table could not keep them, " + kept[0] + ")");
    }

    /**
     * One ASFF finding per resource × detection, most severe first, at most {@link #MAX_FINDINGS}; {@code
     * failure[0]} says why the store could not keep the totals, if it could not.
     */
    List<AwsSecurityFinding> findings(Alert alert, FindingHistory store, String[] failure) {
        String account = alert.alarm().accountId();
        String region = alert.alarm().region();
        Map<String, List<FindingGroup>> byKey = new LinkedHashMap<>();
        for (FindingGroup g : alert.groups()) {
            Finding f = g.first();
            String key = f.detection() + "|" + ResourceKey.of(f, alert.facts().get(f.resource()), account);
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(g);
        }
        Instant now = clock.instant();
        List<AwsSecurityFinding> out = new ArrayList<>();
        // A slow or failing table costs one call's time at most, never the import: after a failure, the rest
        // of this alert's findings carry their own counts.
        FindingHistory[] current = {store};
        FindingHistory totals = (key, firstSeen, at) -> {
            try {
                return current[0].observe(key, firstSeen, at);
            } catch (RuntimeException e) {
                current[0] = FindingHistory.NONE;
                failure[0] = String.valueOf(e.getMessage());
                return FindingHistory.NONE.observe(key, firstSeen, at);
            }
        };
        for (var e : byKey.entrySet()) {
            if (out.size() == MAX_FINDINGS) {
                break;
            }
            out.add(finding(alert, e.getKey(), e.getValue(), account, region, totals, now));
        }
        return out;
    }

    private static AwsSecurityFinding finding(
            Alert alert,
            String key,
            List<FindingGroup> groups,
            String account,
            String region,
            FindingHistory store,
            Instant now) {
        FindingGroup top = groups.get(0); // the alert's groups are ranked by risk
        Finding f = top.first();
        ResourceFacts facts = alert.facts().get(f.resource());
        long events = groups.stream().mapToLong(FindingGroup::count).sum();
        Instant first = groups.stream()
                .map(FindingGroup::firstSeen)
                .filter(t -> t != null)
                .min(Instant::compareTo)
                .orElse(now);
        Instant last = groups.stream()
                .map(FindingGroup::lastSeen)
                .filter(t -> t != null)
                .max(Instant::compareTo)
                .orElse(now);
        FindingHistory.Observed totals = store.observe(key, first, now);
        String partition =
                Arn.parse(alert.alarm().alarmArn()).map(Arn::partition).orElse("aws");
        Set<String> callers = new LinkedHashSet<>();
        groups.forEach(g -> callers.add(g.first().caller().principal()));
        List<NextSteps.Step> steps = NextSteps.of(top, facts, alert.remediation(), alert.window(), region);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Trailhound/Alerts", Long.toString(totals.alerts()));
        fields.put("Trailhound/EventCount", Long.toString(events));
        fields.put("Trailhound/Callers", cap(String.join(", ", callers), 2048));
        fields.put("Trailhound/AlarmName", cap(String.valueOf(alert.alarm().alarmName()), 2048));
        fields.put("Trailhound/Notification", alert.notification().status().name());
        String accountName = alert.accountName(f.resource().account());
        if (accountName != null) { // AwsAccountName is Security Hub's own field (it fills it), so a product field
            fields.put("Trailhound/ResourceAccountName", cap(accountName, AccountNames.MAX_CHARS));
        }
        if (f.eventId() != null) {
            fields.put("Trailhound/FirstEventId", cap(f.eventId(), 2048));
        }
        if (facts != null && facts.effectiveDeletionDate() != null) {
            fields.put("Trailhound/DeletionDate", facts.effectiveDeletionDate().toString());
        }
        for (int i = 0; i < Math.min(5, steps.size()); i++) {
            fields.put(
                    "Trailhound/NextStep" + (i + 1),
                    cap(steps.get(i).label() + ": " + steps.get(i).value(), 2048));
        }

        AwsSecurityFinding.Builder b = AwsSecurityFinding.builder()
                .schemaVersion(SCHEMA_VERSION)
                .id("trailhound/" + f.detection().name().toLowerCase() + "/" + ResourceKey.digest(key, 40))
                .productArn(productArn(partition, region, account))
                .productName("Trailhound")
                .companyName("Trailhound")
                .generatorId("trailhound/" + f.detection().name().toLowerCase())
                .awsAccountId(account)
                .region(region)
                .types(type(f.detection()))
                .firstObservedAt(totals.firstSeen().toString())
                .lastObservedAt(last.toString())
                .createdAt(totals.createdAt().toString())
                .updatedAt(now.toString())
                .severity(Severity.builder()
                        .label(SeverityLabel.fromValue(f.detection().severity))
                        .build())
                .title(cap(title(f, facts), 256))
                .description(cap(description(f, facts, totals.alerts(), events, callers), 1024))
                .resources(resources(f, facts, partition, region, account))
                .workflow(Workflow.builder().status(WorkflowStatus.NEW).build())
                .recordState(RecordState.ACTIVE)
                .productFields(fields);
        NextSteps.Step act = steps.stream()
                .filter(s -> s.kind() == NextSteps.Kind.RUN)
                .findFirst()
                .orElse(null);
        NextSteps.Step page = steps.stream()
                .filter(s -> s.kind() == NextSteps.Kind.OPEN)
                .findFirst()
                .orElse(null);
        if (act != null || page != null) {
            b.remediation(Remediation.builder()
                    .recommendation(Recommendation.builder()
                            .text(cap(act != null ? act.label() + ": " + act.value() : page.label(), 512))
                            .url(page != null ? cap(page.value(), 1024) : null)
                            .build())
                    .build());
        }
        String ip4 = f.sourceIp() != null && IPV4.matcher(f.sourceIp()).matches() ? f.sourceIp() : null;
        String ip6 = ip4 == null
                        && f.sourceIp() != null
                        && f.sourceIp().contains(":")
                        && IPV6.matcher(f.sourceIp()).matches()
                ? f.sourceIp()
                : null;
        AwsApiCallAction.Builder call = AwsApiCallAction.builder()
                .api(cap(f.eventName(), 128))
                .serviceName(cap(f.eventSource(), 128))
                .callerType(ip4 != null || ip6 != null ? "remoteip" : "domain")
                .firstSeen(first.toString())
                .lastSeen(last.toString());
        if (ip4 != null) {
            call.remoteIpDetails(
                    ActionRemoteIpDetails.builder().ipAddressV4(ip4).build());
        } else if (ip6 == null && f.sourceIp() != null) {
            // an AWS service calling on the caller's behalf
            call.domainDetails(d -> d.domain(cap(f.sourceIp(), 128)));
        }
        b.action(Action.builder()
                .actionType("AWS_API_CALL")
                .awsApiCallAction(call.build())
                .build());
        if (ip4 != null || ip6 != null) {
            b.network(Network.builder()
                    .direction(NetworkDirection.IN)
                    .sourceIpV4(ip4)
                    .sourceIpV6(ip6)
                    .build());
        }
        return b.build();
    }

    /** The account's own product for findings it imports itself: {@code product/<account>/default}. */
    static String productArn(String partition, String region, String account) {
        return "arn:" + partition + ":securityhub:" + region + ":" + account + ":product/" + account + "/default";
    }

    /** ASFF types: namespace/category/classifier. */
    static String type(Detection d) {
        return switch (d) {
            case SECRET_MARKED_FOR_DELETION ->
                "Unusual Behaviors/Application/Secrets Manager secret scheduled for deletion accessed";
            case KMS_KEY_PENDING_DELETION -> "Unusual Behaviors/Application/KMS key pending deletion used";
            case ROOT_USAGE -> "Unusual Behaviors/User/Root user used";
            case GENERIC -> "Unusual Behaviors/Application/CloudTrail metric filter alarm";
        };
    }

    private static String title(Finding f, ResourceFacts facts) {
        String what = f.resource().type() == ResourceType.NONE
                ? ""
                : ": "
                        + (facts != null && facts.arn() != null
                                ? facts.arn()
                                : f.resource().id());
        return f.detection().title + what;
    }

    private static String description(Finding f, ResourceFacts facts, long alerts, long events, Set<String> callers) {
        StringBuilder d = new StringBuilder()
                .append(f.eventSource())
                .append(' ')
                .append(f.eventName())
                .append(f.errorCode() != null ? " -> " + f.errorCode() : "")
                .append(" by ")
                .append(String.join(", ", callers))
                .append(" from ")
                .append(f.sourceIp())
                .append(". ")
                .append(events)
                .append(" event(s) in the latest alert; ")
                .append(alerts)
                .append(" alert(s) so far.");
        if (facts != null && facts.effectiveDeletionDate() != null) {
            d.append(" Deletion date ").append(facts.effectiveDeletionDate()).append('.');
        }
        return d.toString();
    }

    private static List<Resource> resources(
            Finding f, ResourceFacts facts, String partition, String region, String account) {
        List<Resource> out = new ArrayList<>();
        ResourceRef r = f.resource();
        String arn = facts != null && facts.arn() != null ? facts.arn() : r.id();
        switch (r.type()) {
            case SECRET -> out.add(resource("AwsSecretsManagerSecret", arn, partition, r.region()));
            case KMS_KEY -> out.add(resource("AwsKmsKey", arn, partition, r.region()));
            case NONE -> {
                if (f.detection() == Detection.ROOT_USAGE) {
                    out.add(resource("AwsAccount", "AWS::::Account:" + account, partition, region));
                }
            }
        }
        String caller = f.caller().principal();
        if (caller != null && caller.startsWith("arn:")) {
            String type = caller.contains(":role/") ? "AwsIamRole" : caller.contains(":user/") ? "AwsIamUser" : "Other";
            out.add(resource(type, caller, partition, region));
        }
        if (out.isEmpty()) {
            out.add(resource("Other", f.eventSource() + "/" + f.eventName(), partition, region));
        }
        return out;
    }

    private static Resource resource(String type, String id, String partition, String region) {
        return Resource.builder()
                .type(type)
                .id(cap(id, 512))
                .partition(partition)
                .region(region)
                .build();
    }

    private static String cap(String s, int max) {
        if (s == null) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
