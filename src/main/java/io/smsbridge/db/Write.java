package io.smsbridge.db;

/**
 * One statement whose result nobody reads (a finished job's delete, a state that nothing else in
 * flight moves). {@link Database#writeAll} may send it together with the like statements of other
 * callers, after the other work of the same commit, so it must not depend on that work. A caller's
 * statements keep their order as long as each kind of statement appears once in its list.
 */
public record Write(String sql, Object... params) {
}
