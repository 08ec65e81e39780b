package io.smsbridge.core.message;

import java.util.Map;

/**
 * What a carrier answered to a bulk request: either the request failed as a whole ({@code failure},
 * judged like a single send's), or it was taken and {@code carrierIds} maps each taken contact's
 * message id to the carrier's id for it. A contact the answer does not name was not taken.
 */
public record BulkResult(SendResult failure, Map<String, String> carrierIds) {

    public BulkResult {
        carrierIds = carrierIds == null ? Map.of() : Map.copyOf(carrierIds);
    }

    public static BulkResult failed(SendResult failure) {
        return new BulkResult(failure, Map.of());
    }

    public static BulkResult taken(Map<String, String> carrierIds) {
        return new BulkResult(null, carrierIds);
    }

    public boolean isTaken() {
        return failure == null;
    }
}
