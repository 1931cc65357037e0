package io.trailhound.bench;

/** The floor for cold-start numbers: a fresh JVM that does nothing. */
public final class EmptyMain {
    private EmptyMain() {}

    public static void main(String[] args) {
        // intentionally empty
    }
}
