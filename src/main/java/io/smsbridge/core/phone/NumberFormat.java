package io.smsbridge.core.phone;

import java.util.Locale;

/** How contact numbers are shown to the platform (per SMS number). */
public enum NumberFormat {
    /** {@code +19179056077} */
    E164("e164"),
    /** {@code 9179056077}: national digits, with the national prefix where the country dials one. */
    NATIONAL("national"),
    /** {@code 19179056077} */
    E164_NO_PLUS("e164-no-plus");

    private final String configName;

    NumberFormat(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static NumberFormat fromConfig(String value) {
        if (value == null || value.isBlank()) {
            return E164;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (NumberFormat f : values()) {
            if (f.configName.equals(v)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown platform number format '" + value
                + "' (use e164, national or e164-no-plus)");
    }
}
