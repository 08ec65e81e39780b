package io.smsbridge.core.directory;

import io.smsbridge.core.phone.InvalidNumberException;
import io.smsbridge.core.phone.PhoneNumbers;
import io.smsbridge.core.secret.Hashes;

import java.util.Map;
import java.util.function.Predicate;

/** An immutable snapshot of the directory file, indexed for the hot paths. */
public record Directory(Map<String, Organization> organizations, Map<String, Integration> integrations,
        Map<String, SmsNumber> numbers, Map<String, String> organizationByKeyHash) {

    public static final Directory EMPTY = new Directory(Map.of(), Map.of(), Map.of(), Map.of());

    /**
     * One of our numbers as someone wrote it: E.164 with or without '+' (or '%2B'), spaces and
     * punctuation, or national digits (thinQ's 10-digit NANP, a user's typing), read with the
     * country of each number {@code scope} accepts. Null when none matches.
     */
    public SmsNumber numberFor(String written, Predicate<SmsNumber> scope) {
        String digits = written == null ? "" : written.trim().replaceAll("[\\s().\\-]", "");
        if (digits.regionMatches(true, 0, "%2B", 0, 3)) {
            digits = "+" + digits.substring(3);
        }
        if (digits.isEmpty()) {
            return null;
        }
        SmsNumber exact = numbers.get(digits.startsWith("+") ? digits : "+" + digits);
        if (exact != null && scope.test(exact)) {
            return exact;
        }
        for (SmsNumber candidate : numbers.values()) {
            if (scope.test(candidate)) {
                try {
                    if (PhoneNumbers.parseRecipient(digits, candidate.country()).value().equals(candidate.number())) {
                        return candidate;
                    }
                } catch (InvalidNumberException ignored) {
                    // not written in this number's country
                }
            }
        }
        return null;
    }

    public Organization organizationForApiKey(String apiKey) {
        String org = organizationByKeyHash.get(Hashes.sha256(apiKey));
        return org == null ? null : organizations.get(org);
    }
}
