package io.smsbridge.core.directory;

import io.smsbridge.core.secret.Hashes;

import java.util.Map;

/** An immutable snapshot of the directory file, indexed for the hot paths. */
public record Directory(Map<String, Organization> organizations, Map<String, Integration> integrations,
        Map<String, SmsNumber> numbers, Map<String, String> organizationByKeyHash) {

    public static final Directory EMPTY = new Directory(Map.of(), Map.of(), Map.of(), Map.of());

    public Organization organizationForApiKey(String apiKey) {
        String org = organizationByKeyHash.get(Hashes.sha256(apiKey));
        return org == null ? null : organizations.get(org);
    }
}
