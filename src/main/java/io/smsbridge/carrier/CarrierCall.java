package io.smsbridge.carrier;

import io.smsbridge.core.message.SendResult;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request to a carrier's API, as the carrier describes it, or a result known without a call
 * ({@link #done}). The body is bytes so the HTTP client adds no charset and re-encodes nothing.
 *
 * @param context what the carrier needs again to read the answer (opaque to the bridge)
 */
public record CarrierCall(String method, String url, String query, Map<String, String> headers, String contentType,
        byte[] body, Object context, SendResult done) {

    public CarrierCall {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A POST of {@code body} (sent as {@code contentType}) that accepts {@code accept}. */
    public static CarrierCall post(String url, String contentType, byte[] body, String accept) {
        return new CarrierCall("POST", url, null, Map.of("Accept", accept), contentType, body, null, null);
    }

    /** Nothing to send over HTTP: the result is known (a carrier without a network, a call that cannot be made). */
    public static CarrierCall done(SendResult result) {
        return new CarrierCall(null, null, null, Map.of(), null, null, null, result);
    }

    public boolean isDone() {
        return done != null;
    }

    public CarrierCall withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new CarrierCall(method, url, query, h, contentType, body, context, done);
    }

    public CarrierCall withBasicAuth(String user, String password) {
        return withHeader("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public CarrierCall withContext(Object value) {
        return new CarrierCall(method, url, query, headers, contentType, body, value, done);
    }

    /** {@code https://x/} → {@code https://x}, so paths can be appended. */
    public static String base(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
