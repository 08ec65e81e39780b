package io.smsbridge.carriers.didww;

import java.util.Map;

/** Meanings of DIDWW's callback {@code code_id} values (DIDWW "SMS OUT" documentation). */
public final class DidwwCodes {

    private static final Map<String, String> MEANINGS = Map.ofEntries(
            Map.entry("1", "No routes found"),
            Map.entry("2", "No rate found"),
            Map.entry("3", "No routes found"),
            Map.entry("4", "Internal error"),
            Map.entry("5", "SMS trunk is blocked"),
            Map.entry("6", "Internal error"),
            Map.entry("7", "Origination account is blocked"),
            Map.entry("8", "SMS source address is not allowed"),
            Map.entry("9", "SMS destination address is not allowed"),
            Map.entry("10", "Campaign not found"),
            Map.entry("11", "Campaign is blocked"),
            Map.entry("100", "No balance available during TTL"),
            Map.entry("101", "All termination attempts failed during TTL"),
            Map.entry("102", "No encoding available"),
            Map.entry("103", "Max balance attempts reached"),
            Map.entry("104", "Message defragmentation failed"),
            Map.entry("105", "Routing failed"));

    private DidwwCodes() {
    }

    public static String meaning(String code) {
        if (code == null) {
            return null;
        }
        return MEANINGS.getOrDefault(code, "DIDWW error code " + code);
    }
}
