package io.smsbridge.carrier;

import java.util.Optional;

/** The bridge's settings (application.properties, system properties, environment) as a carrier reads them. */
public interface CarrierSettings {

    /** The value, or empty when the key is not set. */
    Optional<String> find(String key);

    /** The value; a missing key fails the start and names the key. */
    default String require(String key) {
        return find(key).filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalStateException(
                "setting " + key + " is missing: set it in application.properties"));
    }
}
