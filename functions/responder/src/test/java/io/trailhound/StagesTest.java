package io.trailhound;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.alarm.ChildAlarmSource;
import io.trailhound.aws.AlarmScope;
import io.trailhound.detect.OwnIdentity;
import io.trailhound.enrich.AccountNames;
import io.trailhound.enrich.OfflineEnricher;
import io.trailhound.enrich.ScheduleLookup;
import io.trailhound.evidence.EventSource;
import io.trailhound.evidence.MetricFilterCatalog;
import io.trailhound.publish.Outputs;
import io.trailhound.remediate.Remediator;
import io.trailhound.verify.AlarmCheck;
import io.trailhound.verify.AlarmVerifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StagesTest {
    private static final EventSource NO_EVENTS = (f, w, b, sink) -> EventSource.Result.COMPLETE;

    private final Responder.Stages base = Responder.Stages.of(
            new MetricFilterCatalog(List.of()),
            NO_EVENTS,
            new OfflineEnricher(ScheduleLookup.NONE),
            Remediator.OFF,
            alert -> "published");

    @Test
    void ofDefaultsEveryOptionalStageToWhatAnOfflineRunHas() {
        assertThat(base.ownIdentity()).isSameAs(OwnIdentity.NONE);
        assertThat(base.childAlarms()).isSameAs(ChildAlarmSource.OFFLINE);
        assertThat(base.alarms()).isSameAs(AlarmVerifier.OFFLINE);
        assertThat(base.outputs()).isSameAs(Outputs.NONE);
        assertThat(base.scope()).isSameAs(AlarmScope.NONE);
        assertThat(base.accountNames()).isSameAs(AccountNames.NONE);
    }

    @Test
    void eachWitherSetsItsOwnStageAndKeepsEveryOther() {
        OwnIdentity identity = new OwnIdentity(() -> "arn:aws:iam::111122223333:role/trailhound");
        ChildAlarmSource children = (region, names, budget) -> ChildAlarmSource.Children.all(List.of());
        AlarmVerifier verifier = (alarm, budget) -> AlarmCheck.OFFLINE;
        Outputs outputs = new Outputs(List.of());
        AlarmScope scope = alarmName -> {};
        AccountNames names = (accounts, budget) -> Map.of();
        MetricFilterCatalog filters = new MetricFilterCatalog(List.of());
        EventSource events = (f, w, b, sink) -> EventSource.Result.COMPLETE;

        Responder.Stages all = base.withOwnIdentity(identity)
                .withChildAlarms(children)
                .withAlarms(verifier)
                .withOutputs(outputs)
                .withScope(scope)
                .withAccountNames(names)
                .withEvidence(filters, events);

        assertThat(all)
                .isEqualTo(new Responder.Stages(
                        filters,
                        events,
                        base.enricher(),
                        base.remediator(),
                        base.publisher(),
                        identity,
                        children,
                        verifier,
                        outputs,
                        scope,
                        names));
        assertThat(base.ownIdentity()).as("a with-er copies").isSameAs(OwnIdentity.NONE);
    }
}
