package io.smsbridge.store.db;

/** A database failure: the one kind of outage that may make the bridge answer 5xx. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(Throwable cause) {
        super("database error: " + cause.getMessage(), cause);
    }
}
