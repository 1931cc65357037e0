package io.trailhound.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a composite alarm's rule ({@code ALARM(a) OR (OK("b") AND NOT INSUFFICIENT_DATA(arn:...:alarm:c))})
 * for the child alarms it names, and the triggering children a notification lists.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutCompositeAlarm.html">PutCompositeAlarm</a>
 */
final class CompositeRule {
    private static final Pattern CHILD =
            Pattern.compile("\\b(?:ALARM|OK|INSUFFICIENT_DATA)\\s*\\(\\s*\"?([^\")]+?)\"?\\s*\\)");

    private CompositeRule() {}

    static AlarmNotification.Composite of(String rule, JsonNode triggering) {
        Set<String> children = new LinkedHashSet<>();
        Matcher m = CHILD.matcher(rule);
        while (m.find()) {
            children.add(nameOf(m.group(1)));
        }
        List<String> fired = new ArrayList<>();
        for (JsonNode t : triggering) {
            String arn =
                    t.hasNonNull("Arn") ? t.get("Arn").asText() : t.path("arn").asText(null);
            if (arn != null && !fired.contains(nameOf(arn))) {
                fired.add(nameOf(arn));
            }
        }
        return new AlarmNotification.Composite(rule, List.copyOf(children), fired);
    }

    /** A child is named by its name or its ARN ({@code arn:aws:cloudwatch:region:account:alarm:name}). */
    static String nameOf(String nameOrArn) {
        String s = nameOrArn.strip();
        int at = s.indexOf(":alarm:");
        return s.startsWith("arn:") && at >= 0 ? s.substring(at + ":alarm:".length()) : s;
    }
}
