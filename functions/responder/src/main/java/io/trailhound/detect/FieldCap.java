package io.trailhound.detect;

/**
 * Caps every string a finding keeps, before grouping, so that no single record (a planted 60 KB
 * {@code secretId}) can crowd the others out of the alert's size budget. A capped value says so, and a
 * capped resource name can never match a real resource, so nothing is ever done to it.
 */
public final class FieldCap {
    /** Identifiers: secret names (AWS allows 512), ARNs, principals, IPs, event names. */
    public static final int ID = 512;
    /** Free text: user agents, error messages. */
    public static final int TEXT = 1024;

    private FieldCap() {}

    public static String id(String s) {
        return cap(s, ID);
    }

    public static String text(String s) {
        return cap(s, TEXT);
    }

    static String cap(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + "…(+" + (s.length() - max) + " chars)";
    }

    /** Whether a value was cut by this class (and so names nothing real). */
    public static boolean isCapped(String s) {
        return s != null && s.endsWith(" chars)") && s.contains("…(+");
    }
}
