package io.trailhound.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatNotificationTest {
    @Test
    void textFromARecordCannotFormatLinkOrMentionAnyone() throws Exception {
        var f = Fixtures.finding(
                io.trailhound.detect.Detection.SECRET_MARKED_FOR_DELETION,
                new io.trailhound.detect.ResourceRef(
                        io.trailhound.detect.ResourceType.SECRET,
                        "x` <!channel> @here [click](https://evil.example) *",
                        "us-east-1"),
                "arn:aws:iam::111122223333:role/app",
                "203.0.113.10",
                "GetSecretValue",
                "origin",
                0);
        Alert a = Fixtures.alert(List.of(f), Map.of(), List.of());
        JsonNode n = Json.parse(
                ChatNotification.json(a, new AlertRenderer(io.trailhound.publish.SnsEnvelope.SNS).render(a)));
        String d = n.at("/content/description").asText();
        assertThat(d)
                .contains("`x' \\u003C!channel\\u003E @here [click](hxxps://evil[.]example) *`")
                .doesNotContain("<!channel>")
                .doesNotContain("https://evil");
    }

    @Test
    void repeatsAboutTheSameResourceShareTheThreadWhateverTheCallerAndOthersDoNot() throws Exception {
        var one = Fixtures.secretRead("prod/db", 0);
        var facts = Map.of(one.resource(), Fixtures.scheduledSecret());
        var byArn = Fixtures.secretRead(Fixtures.SECRET_ARN, 1);
        Alert first = Fixtures.alert(List.of(one), facts, List.of());
        Alert second = Fixtures.alert(List.of(byArn), Map.of(byArn.resource(), Fixtures.scheduledSecret()), List.of());
        Alert other = Fixtures.alert(List.of(Fixtures.secretRead("prod/other", 0)), Map.of(), List.of());
        assertThat(ChatNotification.threadId(first))
                .as("the service's ARN, however the record named it")
                .isEqualTo(ChatNotification.threadId(second))
                .isNotEqualTo(ChatNotification.threadId(other))
                .matches("trailhound-[0-9a-f]{32}");
    }

    @Test
    void aPastDeletionDateSaysItPassed() throws Exception {
        var f = Fixtures.secretRead("prod/db", 0);
        Alert a = new Alert(
                Fixtures.ALARM,
                Fixtures.WINDOW,
                Fixtures.alert(List.of(f), Map.of(), List.of()).groups(),
                Map.of(f.resource(), Fixtures.scheduledSecret()),
                List.of(),
                1,
                1,
                0,
                List.of(),
                false,
                java.time.Instant.parse("2026-12-02T03:00:00Z"));
        String d = Json.parse(
                        ChatNotification.json(a, new AlertRenderer(io.trailhound.publish.SnsEnvelope.SNS).render(a)))
                .at("/content/description")
                .asText();
        assertThat(d).contains("deletion 2026-11-27T16:00:00Z (passed 4 day(s) ago)");
    }

    @Test
    void aFindingNamesItsAccountByTheOrganizationsNameInACodeSpan() throws Exception {
        var f = Fixtures.secretRead("prod/db", 0);
        Alert plain = Fixtures.alert(List.of(f), Map.of(), List.of());
        String account = f.resource().account() != null
                ? f.resource().account()
                : f.caller().accountId();
        Alert named = plain.withAccountNames(Map.of(account, "Payments `prod` <!here>"));
        String d = Json.parse(ChatNotification.json(
                        named, new AlertRenderer(io.trailhound.publish.SnsEnvelope.SNS).render(named)))
                .at("/content/description")
                .asText();
        assertThat(d).contains(" in account `Payments 'prod' \\u003C!here\\u003E`: ");
        String without = Json.parse(ChatNotification.json(
                        plain, new AlertRenderer(io.trailhound.publish.SnsEnvelope.SNS).render(plain)))
                .at("/content/description")
                .asText();
        assertThat(without).doesNotContain(" in account ");
    }
}
