package io.smsbridge.core.refusal;

/** An error answered to a caller: HTTP status, a stable code, and a message that says what to do. */
public class Refusal extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    public Refusal(int status, String code, String message) {
        this(status, code, message, null);
    }

    /** @param field the request's field at fault, named in the answer */
    public Refusal(int status, String code, String message, String field) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public String field() {
        return field;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static Refusal badRequest(String message) {
        return new Refusal(400, "bad_request", message);
    }

    public static Refusal unauthorized(String message) {
        return new Refusal(401, "unauthorized", message);
    }

    public static Refusal forbidden(String message) {
        return new Refusal(403, "forbidden", message);
    }

    public static Refusal notFound(String message) {
        return new Refusal(404, "not_found", message);
    }

    public static Refusal unprocessable(String code, String message) {
        return new Refusal(422, code, message);
    }
}
