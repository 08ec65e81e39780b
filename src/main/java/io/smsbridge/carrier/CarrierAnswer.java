package io.smsbridge.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;

/**
 * What a carrier's API answered: status, body and its Retry-After (null when absent).
 */
public record CarrierAnswer(int status, String body, Duration retryAfter) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body as JSON, or null when it is empty or not JSON (carriers answer HTML on some errors). */
    public JsonNode json() {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }
}
