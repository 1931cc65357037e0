package io.trailhound.alert;

import io.trailhound.detect.Detection;
import io.trailhound.detect.Finding;
import io.trailhound.detect.ResourceRef;
import io.trailhound.detect.ResourceType;
import io.trailhound.enrich.ResourceFacts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a finding is about, the same from one alert to the next, so that repeats land together: in one chat
 * thread, in one Security Hub finding. The ARN the service returned when it described the resource, else the
 * record's id with its type and Region; the account's root user for root usage; the API for other findings.
 */
public final class ResourceKey {
    private ResourceKey() {}

    public static String of(Finding f, ResourceFacts facts, String account) {
        ResourceRef r = f.resource();
        if (r.type() != ResourceType.NONE) {
            if (facts != null && facts.state() != null && facts.arn() != null) {
                return facts.arn();
            }
            return r.type() + ":" + r.region() + ":" + r.id();
        }
        if (f.detection() == Detection.ROOT_USAGE) {
            return "arn:aws:iam::" + account + ":root";
        }
        return account + ":" + f.eventSource() + ":" + f.eventName();
    }

    /** The first {@code hexChars} hex digits of the key's SHA-256: fixed length, any characters in the key. */
    public static String digest(String key, int hexChars) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, hexChars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
