package io.smsbridge.core.directory;

/** The directory file is invalid; the message names the entry (file path) and why. */
public class DirectoryException extends RuntimeException {
    public DirectoryException(String message) {
        super(message);
    }
}
