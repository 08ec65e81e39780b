package io.smsbridge.core.refusal;

/**
 * A request whose bytes could not be read as its content type says (a bad %-escape, invalid UTF-8,
 * broken or trailing JSON), or a field that breaks the rules for its kind. The edge names the code:
 * a carrier's request is a {@code bad_payload}, a platform API call a {@code bad_request}.
 */
public class MalformedRequest extends Refusal {

    /** @param field the field at fault, or null when the request as a whole is */
    public MalformedRequest(String field, String message) {
        this(Kind.MALFORMED, field, message);
    }

    private MalformedRequest(Kind kind, String field, String message) {
        super(kind, null, message, field);
    }

    /** A body of a content type the endpoint does not read. */
    public static MalformedRequest unsupportedMediaType(String message) {
        return new MalformedRequest(Kind.UNSUPPORTED_TYPE, null, message);
    }
}
