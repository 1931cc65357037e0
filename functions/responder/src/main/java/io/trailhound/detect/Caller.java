package io.trailhound.detect;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Who made a call, normalised from CloudTrail's {@code userIdentity}: an assumed-role session becomes its
 * role ARN plus session name, a service its service principal.
 *
 * @param kind        CloudTrail's userIdentity.type (AssumedRole, IAMUser, Root, AWSService, …)
 * @param principal   the stable identity: role ARN, user ARN, "root", service principal
 * @param sessionName the role session name, when there is one
 * @param accessKeyId the access key used, when CloudTrail records one
 * @param invokedBy   the AWS service that called on the principal's behalf, when there is one
 */
public record Caller(
        String kind, String principal, String sessionName, String accountId, String accessKeyId, String invokedBy) {

    public static Caller from(JsonNode identity) {
        String type = text(identity, "type");
        String arn = text(identity, "arn");
        String account = text(identity, "accountId");
        String key = text(identity, "accessKeyId");
        String invokedBy = text(identity, "invokedBy");
        if (type == null) {
            return new Caller("Unknown", arn != null ? arn : "unknown", null, account, key, invokedBy);
        }
        return switch (type) {
            case "AssumedRole" -> {
                String role = text(identity.path("sessionContext").path("sessionIssuer"), "arn");
                String session = arn != null && arn.contains("/") ? arn.substring(arn.lastIndexOf('/') + 1) : null;
                yield new Caller(type, role != null ? role : roleFromSessionArn(arn), session, account, key, invokedBy);
            }
            case "Root" -> new Caller(type, arn != null ? arn : "root", null, account, key, invokedBy);
            case "AWSService" ->
                new Caller(type, invokedBy != null ? invokedBy : "AWS service", null, account, key, invokedBy);
            default ->
                new Caller(
                        type,
                        arn != null
                                ? arn
                                : firstNonNull(text(identity, "principalId"), text(identity, "userName"), type),
                        null,
                        account,
                        key,
                        invokedBy);
        };
    }

    /** arn:aws:sts::123456789012:assumed-role/Name/session → arn:aws:iam::123456789012:role/Name (path unknown). */
    static String roleFromSessionArn(String arn) {
        if (arn == null) {
            return "unknown";
        }
        String[] head = arn.split(":", 6);
        String[] rest = head.length == 6 ? head[5].split("/") : new String[0];
        if (rest.length < 2 || !rest[0].equals("assumed-role") || rest[1].isEmpty()) {
            return arn; // not a session ARN after all (RecordCheck reports it): show it as it is
        }
        return "arn:" + head[1] + ":iam::" + head[4] + ":role/" + rest[1];
    }

    /** One line for people: "role-arn (session s)", "root (account …)", "service via …". */
    public String display() {
        StringBuilder out = new StringBuilder(principal);
        if (sessionName != null) {
            out.append(" (session ").append(sessionName).append(')');
        }
        if (invokedBy != null && !"AWSService".equals(kind)) {
            out.append(" via ").append(invokedBy);
        }
        return out.toString();
    }

    /** Short name for a subject line: the role or user name, "root", or the service. */
    public String shortName() {
        if ("Root".equals(kind)) {
            return "root";
        }
        int slash = principal.lastIndexOf('/');
        return slash >= 0 ? principal.substring(slash + 1) : principal;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() && !v.asText().isEmpty() ? FieldCap.id(v.asText()) : null;
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return "unknown";
    }
}
