package io.trailhound.aws;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * Region codes for the display names in SNS alarm messages ({@code "Region": "US West (Oregon)"}), for
 * messages without an AlarmArn. Older messages write {@code "US West - Oregon"} and {@code "EU (Ireland)"}
 * where the SDK's metadata says {@code "Europe (Ireland)"}: names are compared by their letters and digits
 * only, with "EU" read as "Europe".
 */
public final class RegionNames {
    private static volatile Map<String, String> byName;

    private RegionNames() {}

    /** The code (us-west-2) for a display name, or null when no Region has that name. */
    public static String codeOf(String displayName) {
        if (displayName == null) return null;
        return names().get(key(displayName));
    }

    /** Whether the text has the form of a Region code (us-east-1, cn-north-1, us-gov-west-1). */
    public static boolean isCode(String text) {
        return text != null && text.matches("[a-z]{2}(-[a-z]+)+-\\d+");
    }

    private static Map<String, String> names() {
        Map<String, String> m = byName;
        if (m == null) {
            m = new HashMap<>();
            for (Region r : Region.regions()) {
                RegionMetadata meta = RegionMetadata.of(r);
                if (meta != null && meta.description() != null) m.putIfAbsent(key(meta.description()), r.id());
            }
            byName = m;
        }
        return m;
    }

    private static String key(String name) {
        String lower = name.toLowerCase(Locale.ROOT).strip();
        if (lower.startsWith("eu ")) lower = "europe " + lower.substring(3);
        return lower.replaceAll("[^a-z0-9]", "");
    }
}
