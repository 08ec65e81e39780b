package io.smsbridge.core.segments;

/** How a text travels as SMS: its encoding, the units it takes, and the number of parts. */
public record Segments(Encoding encoding, int units, int parts) {

    /** The most parts a concatenated SMS can have (one-byte reference counter). */
    public static final int MAX_PARTS = 255;

    public boolean exceedsLimit() {
        return parts > MAX_PARTS;
    }
}
