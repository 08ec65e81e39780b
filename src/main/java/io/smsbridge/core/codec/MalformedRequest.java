package io.smsbridge.core.codec;

/**
 * A request whose bytes could not be read as its content type says (a bad %-escape, invalid UTF-8,
 * broken or trailing JSON), or a field that breaks the rules for its kind. Answered 400.
 */
public class MalformedRequest extends RuntimeException {

    private final String field;
    private final int status;

    /** @param field the field at fault, or null when the request as a whole is */
    public MalformedRequest(String field, String message) {
        this(400, field, message);
    }

    private MalformedRequest(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    /** A body of a content type the endpoint does not read (415). */
    public static MalformedRequest unsupportedMediaType(String message) {
        return new MalformedRequest(415, null, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
