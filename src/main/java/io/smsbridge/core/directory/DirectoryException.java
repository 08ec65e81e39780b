package io.smsbridge.core.directory;

/**
 * The directory is invalid; the message names the entry (file path) and why, {@link #path()} the
 * entry alone (organizations[0].numbers[1].country), null when the whole document is at fault.
 */
public class DirectoryException extends RuntimeException {

    private final String path;

    public DirectoryException(String message) {
        this(message, null);
    }

    public DirectoryException(String message, String path) {
        super(message);
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** The last field of the path (country), for answers that name one field. */
    public String field() {
        if (path == null) {
            return null;
        }
        String last = path.substring(path.lastIndexOf('.') + 1);
        int bracket = last.indexOf('[');
        return bracket > 0 ? last.substring(0, bracket) : last;
    }
}
