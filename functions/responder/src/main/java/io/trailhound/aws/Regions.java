package io.trailhound.aws;

import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS Regions the SDK knows. A Region named by a log record is checked against this list before any
 * client is built for it: a blank or made-up Region would fail inside the SDK, or, if merely unknown, cost a
 * client per planted name.
 */
public final class Regions {
    private static final Set<String> KNOWN = Region.regions().stream()
            .filter(r -> !r.isGlobalRegion())
            .map(Region::id)
            .collect(Collectors.toUnmodifiableSet());

    private Regions() {}

    /** The partition of {@code region} ("aws", "aws-cn", "aws-us-gov", …), "aws" when the SDK does not know it. */
    public static String partition(String region) {
        var metadata = region == null ? null : Region.of(region).metadata();
        return metadata == null ? "aws" : metadata.partition().id();
    }

    public static boolean isKnown(String region) {
        return region != null && KNOWN.contains(region);
    }
}
