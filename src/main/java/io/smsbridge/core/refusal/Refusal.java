package io.smsbridge.core.refusal;

/**
 * The bridge refuses what a caller asked: a kind (what went wrong, not how it is answered), a stable
 * code, and a message that says what to do. The edges map the kind to their protocol's answer (an
 * HTTP status and the JSON error body).
 */
public class Refusal extends RuntimeException {

    /** What went wrong, from the caller's side. */
    public enum Kind {
        /** The request cannot be read or lacks a field. */
        MALFORMED,
        /** Its body is of a type the endpoint does not read. */
        UNSUPPORTED_TYPE,
        /** No credential, or a wrong one. */
        UNAUTHENTICATED,
        /** A credential that may not do this. */
        FORBIDDEN,
        /** What it names does not exist (for this caller). */
        NOT_FOUND,
        /** Well formed, but the bridge cannot do it (no content, a number it cannot send to). */
        UNPROCESSABLE,
        /** Not in the state it would have to be in (a read-only directory, a message that did not fail). */
        CONFLICT,
        /** Too many attempts from this caller; it may try again later. */
        TOO_MANY
    }

    private final Kind kind;
    private final String code;
    private final String field;

    /**
     * @param code  the stable code answered, or null to let the edge name it for the kind
     * @param field the request's field at fault, named in the answer, or null
     */
    public Refusal(Kind kind, String code, String message, String field) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public static Refusal badRequest(String message) {
        return badRequest(message, null);
    }

    public static Refusal badRequest(String message, String field) {
        return new Refusal(Kind.MALFORMED, "bad_request", message, field);
    }

    public static Refusal unauthorized(String message) {
        return new Refusal(Kind.UNAUTHENTICATED, "unauthorized", message, null);
    }

    public static Refusal forbidden(String message) {
        return new Refusal(Kind.FORBIDDEN, "forbidden", message, null);
    }

    public static Refusal notFound(String message) {
        return new Refusal(Kind.NOT_FOUND, "not_found", message, null);
    }

    public static Refusal conflict(String code, String message) {
        return new Refusal(Kind.CONFLICT, code, message, null);
    }

    public static Refusal unprocessable(String code, String message) {
        return unprocessable(code, message, null);
    }

    public static Refusal unprocessable(String code, String message, String field) {
        return new Refusal(Kind.UNPROCESSABLE, code, message, field);
    }
}
