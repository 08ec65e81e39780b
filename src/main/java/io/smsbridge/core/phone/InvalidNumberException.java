package io.smsbridge.core.phone;

/** A number that cannot be understood; the message says what was given and what is expected. */
public class InvalidNumberException extends RuntimeException {
    public InvalidNumberException(String message) {
        super(message);
    }
}
