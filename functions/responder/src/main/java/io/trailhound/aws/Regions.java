package io.trailhound.aws;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * The AWS Regions the SDK knows, read from its metadata once, on first use. A Region named by a log record
 * is checked against them before any client is built for it: a blank or made-up Region would fail inside
 * the SDK, or, if merely unknown, cost a client per planted name. SNS alarm messages without an AlarmArn
 * name the Region for people ({@code "Region": "US West (Oregon)"}); older ones write
 * {@code "US West - Oregon"} and {@code "EU (Ireland)"} where the SDK says {@code "Europe (Ireland)"}: names
 * are compared by their letters and digits only, with "EU" read as "Europe".
 */
public final class Regions {
    private Regions() {}

    /** The partition of {@code region} ("aws", "aws-cn", "aws-us-gov", …), "aws" when the SDK does not know it. */
    public static String partition(String region) {
        var metadata = region == null ? null : Region.of(region).metadata();
        return metadata == null ? "aws" : metadata.partition().id();
    }

    /** Whether the SDK knows this Region code (global pseudo-Regions such as aws-global excluded). */
    public static boolean isKnown(String region) {
        return region != null && Known.CODES.contains(region);
    }

    /** The code (us-west-2) for a display name; empty when no Region has that name. */
    public static Optional<String> codeOf(String displayName) {
        if (displayName == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(Names.BY_NAME.get(key(displayName)));
    }

    /** Whether the text has the form of a Region code (us-east-1, cn-north-1, us-gov-west-1). */
    public static boolean isCode(String text) {
        return text != null && text.matches("[a-z]{2}(-[a-z]+)+-\\d+");
    }

    private static String key(String name) {
        String lower = name.toLowerCase(Locale.ROOT).strip();
        if (lower.startsWith("eu ")) {
            lower = "europe " + lower.substring(3);
        }
        return lower.replaceAll("[^a-z0-9]", "");
    }

    /**
     * The codes, from the SDK's list of Regions alone. Any metadata lookup (a Region's partition or name)
     * initialises the SDK's MetadataLoader, which builds the metadata of every Region and of all ~316 services
     * (about 400 classes, ~100 ms of a cold Lambda start), so the codes, which every alarm checks, avoid it.
     */
    private static final class Known {
        static final Set<String> CODES = codes();

        private static Set<String> codes() {
            Set<String> known = new HashSet<>();
            for (Region r : Region.regions()) {
                if (!r.isGlobalRegion()) {
                    known.add(r.id());
                }
            }
            return Set.copyOf(known);
        }
    }

    /** Display names to codes, read from the Regions' metadata when a name is first looked up. */
    private static final class Names {
        static final Map<String, String> BY_NAME = byName();

        private static Map<String, String> byName() {
            Map<String, String> byName = new HashMap<>();
            for (Region r : Region.regions()) {
                RegionMetadata meta = RegionMetadata.of(r);
                if (meta != null && meta.description() != null) {
                    byName.putIfAbsent(key(meta.description()), r.id());
                }
            }
            return Map.copyOf(byName);
        }
    }
}
