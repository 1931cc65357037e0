package io.trailhound.alert;

/**
 * How much of an alert is shown: groups, items per list (notes, remediation, unknowns, aliases, tags,
 * resources) and characters per string. Each step down is tried only if the previous did not fit.
 */
record Limits(int groups, int items, int chars) {
    static final int MAX_GROUPS_SHOWN = 25;
    static final Limits NORMAL = new Limits(MAX_GROUPS_SHOWN, 50, Sanitize.DEFAULT_MAX);
    static final Limits TIGHT = new Limits(3, 10, 160);

    /** The same caps on lists and strings, with {@code groups} groups shown. */
    Limits showing(int groups) {
        return new Limits(groups, items, chars);
    }
}
