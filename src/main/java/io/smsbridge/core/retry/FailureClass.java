package io.smsbridge.core.retry;

/** What a failed attempt means for the message. */
public enum FailureClass {
    /** try again later */
    TRANSIENT,
    /** give up now: retrying cannot help */
    PERMANENT
}
