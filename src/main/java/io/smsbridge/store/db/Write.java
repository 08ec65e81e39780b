package io.smsbridge.store.db;

/**
 * One statement whose result nobody reads (a finished job's delete, a state that nothing else in
 * flight moves). {@link Database#writeAll} may send it together with the like statements of other
 * callers, after the other work of the same commit, so it must not depend on that work. A caller's
 * statements run in its order: where grouping them with other callers' would change that order (the
 * batch saw the same statements in another order, or one repeats), they run on their own, in order.
 */
public record Write(String sql, Object... params) {
}
