package io.smsbridge.core.phone;

/**
 * A party of a conversation as the bridge stores it: a phone number in E.164, or a sender that is
 * not a phone number (short code, alphanumeric sender ID), kept verbatim.
 */
public record Address(Kind kind, String value) {

    public enum Kind { PHONE, SHORT_CODE, ALPHANUMERIC }

    public boolean isPhone() {
        return kind == Kind.PHONE;
    }
}
