package io.smsbridge.core.optout;

/** What a contact's whole message asks for. */
public enum Keyword {
    STOP, START, HELP;

    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
