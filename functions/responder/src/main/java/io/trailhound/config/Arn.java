package io.trailhound.config;

import java.util.Optional;

/** An ARN's fields: {@code arn:partition:service:region:account-id:resource}. */
public record Arn(String partition, String service, String region, String accountId, String resource) {

    /** The parts of a well-formed ARN (six colon-separated fields), or empty. */
    public static Optional<Arn> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] f = text.split(":", 6);
        if (f.length < 6 || !f[0].equals("arn")) {
            return Optional.empty();
        }
        return Optional.of(new Arn(f[1], f[2], f[3], f[4], f[5]));
    }

    /** The region of an ARN; empty when it has none (global resources) or is not an ARN. */
    public static Optional<String> regionOf(String text) {
        return parse(text).map(Arn::region).filter(r -> !r.isEmpty());
    }
}
