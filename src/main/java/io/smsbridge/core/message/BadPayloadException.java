package io.smsbridge.core.message;

/** A carrier request we cannot use; the message says what is missing or wrong (answered 400). */
public class BadPayloadException extends RuntimeException {
    public BadPayloadException(String message) {
        super(message);
    }
}
