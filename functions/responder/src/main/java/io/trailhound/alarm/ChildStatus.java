package io.trailhound.alarm;

/** What the alert says about one child of a composite alarm: its state, and whether and how it was investigated. */
public record ChildStatus(String name, String state, boolean investigated, String detail) {}
