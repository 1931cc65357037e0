package io.trailhound.detect;

/**
 * The resource a finding is about, as the event names it: {@code id} may be a name, a full or partial ARN,
 * a key ID or an alias. {@code region} is where it lives (the ARN's Region, else where the call was made);
 * {@code account} is the account it belongs to (the ARN's account, else the record's
 * {@code recipientAccountId}), null when the record names none: then it is the function's own.
 */
public record ResourceRef(ResourceType type, String id, String region, String account) {
    public static final ResourceRef NONE = new ResourceRef(ResourceType.NONE, null, null, null);

    /** A resource of the function's own account. */
    public ResourceRef(ResourceType type, String id, String region) {
        this(type, id, region, null);
    }
}
