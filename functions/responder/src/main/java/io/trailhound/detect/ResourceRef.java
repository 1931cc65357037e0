package io.trailhound.detect;

/**
 * The resource a finding is about, as the event names it: {@code id} may be a name, a full or partial ARN,
 * a key ID or an alias. {@code region} is where the call was made.
 */
public record ResourceRef(ResourceType type, String id, String region) {
    public static final ResourceRef NONE = new ResourceRef(ResourceType.NONE, null, null);
}
