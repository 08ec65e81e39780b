package io.smsbridge.carriers.template;

import java.util.Map;

/** A request ready for the HTTP client. {@code body} is null for a request without one. */
public record RenderedRequest(String method, String url, String contentType, byte[] body,
        Map<String, String> headers) {
}
