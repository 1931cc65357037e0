package io.trailhound.alarm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Names the plain-text notifications other AWS services publish to a topic that may also carry alarms, so
 * the "unreadable notification" alert says what arrived. Only for the reader of the alert: nothing is
 * decided by it.
 */
final class PlainText {
    private PlainText() {}

    static String describe(String text, String subject, JsonNode attributes) {
        String what;
        if (text.startsWith("AWS Budget Notification")) {
            what = "an AWS Budgets notification";
        } else if ("Notification from AWS Backup".equals(subject)
                || text.startsWith("An AWS Backup job")
                || (attributes != null
                        && attributes.path("EventType").path("Value").asText("").startsWith("BACKUP_"))) {
            what = "an AWS Backup notification";
        } else {
            what = "a message";
        }
        return what + " in plain text, not a CloudWatch alarm notification";
    }
}
