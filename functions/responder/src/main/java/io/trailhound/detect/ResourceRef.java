package io.trailhound.detect;

/**
 * The resource a finding is about, as the event names it: {@code id} may be a name, a full or partial ARN,
 * a key ID or an alias. {@code region} is where it lives (the ARN's Region, else where the call was made);
 * {@code account} is the account it belongs to (the ARN's account, else the record's
 * {@code recipientAccountId}), null when the record names none: then it is the function's own.
 */
public record ResourceRef(Type type, String id, String region, String account) {
    public enum Type {
        SECRET,
        KMS_KEY,
        NONE
    }

    public static final ResourceRef NONE = new ResourceRef(Type.NONE, null, null, null);

    /** A resource of the function's own account. */
    public ResourceRef(Type type, String id, String region) {
        this(type, id, region, null);
    }
}
