package io.trailhound;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.alarm.AlarmReader;
import io.trailhound.alarm.Delivery;
import io.trailhound.budget.Budget;
import io.trailhound.config.Config;
import io.trailhound.enrich.AccountNames;
import io.trailhound.evidence.CloudTrailFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When Organizations refuses to name accounts (the function outside the management account, or no
 * organization), the alerts show IDs alone and nothing in them says why: operators learn it from one log line,
 * written by the alarm that met the refusal, not by every alarm after it.
 */
class AccountNamesRefusalLogTest {
    static final Path EVENTS = Path.of("../../events");

    /** Refuses the first time it is asked, as Organizations does, and keeps the refusal as AwsAccountNames does. */
    static final class Refusing implements AccountNames {
        int asked;

        @Override
        public Map<String, String> of(Collection<String> accounts, Budget budget) {
            asked++;
            return Map.of();
        }

        @Override
        public Optional<String> refusal() {
            return asked == 0 ? Optional.empty() : Optional.of("organizations:DescribeAccount failed: AccessDenied");
        }
    }

    @Test
    void theRefusalIsLoggedOnceWithTheAlarmThatMetIt() throws Exception {
        List<String> lines = new ArrayList<>();
        Responder.Log log = new Responder.Log() {
            @Override
            public void info(String alarmName, String message) {
                lines.add(alarmName + " | " + message);
            }

            @Override
            public void error(String alarmName, String message) {
                lines.add(alarmName + " | ERROR " + message);
            }
        };
        Config config = Config.from(Map.of());
        Refusing names = new Refusing();
        Responder.Stages stages = Wiring.cli(
                        config,
                        false,
                        CloudTrailFiles.at(EVENTS.resolve("cloudtrail")),
                        List.of(),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        "text")
                .withAccountNames(names);
        Responder responder = new Responder(config, stages, Clock.systemUTC(), log);
        String event = Files.readString(EVENTS.resolve("sns-alarm-secret-deletion.json"));

        for (int alarm = 0; alarm < 3; alarm++) {
            for (Delivery d : AlarmReader.read(event)) {
                responder.respond(((Delivery.Alarm) d).alarm());
            }
        }

        assertThat(names.asked)
                .as("every alarm asks; the names are the stage's to keep")
                .isEqualTo(3);
        assertThat(lines)
                .filteredOn(l -> l.contains("account names"))
                .containsExactly("AttemptsToAccessDeletedSecretsAlarm | account names: "
                        + "organizations:DescribeAccount failed: AccessDenied");
    }
}
