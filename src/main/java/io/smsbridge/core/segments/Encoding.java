package io.smsbridge.core.segments;

/** SMS data coding, with the sizes of a single message and of each part of a concatenated one. */
public enum Encoding {
    GSM7(160, 153),
    UCS2(70, 67);

    private final int single;
    private final int perPart;

    Encoding(int single, int perPart) {
        this.single = single;
        this.perPart = perPart;
    }

    /** Units (septets or UTF-16 code units) that fit in one unsplit message. */
    public int single() {
        return single;
    }

    /** Units per part once the message needs a concatenation header. */
    public int perPart() {
        return perPart;
    }
}
