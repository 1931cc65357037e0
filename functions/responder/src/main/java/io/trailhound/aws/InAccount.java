package io.trailhound.aws;

/**
 * An SDK client of one service acting in {@code account} (null: the function's own) and {@code region}: the
 * function's own credentials in its own account, a member role's elsewhere. Throws {@link CannotAssume} when
 * the account cannot be reached.
 */
@FunctionalInterface
public interface InAccount<C> {
    C in(String account, String region);
}
