package io.smsbridge.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.message.BadPayloadException;
import io.smsbridge.webhook.WebhookEndpoint;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns exceptions into the contract's JSON errors: {@code {"error":{"code":…,"message":…}}}. Bad
 * carrier payloads are logged with the raw request (never its query string); only a real outage
 * (the database) answers 5xx.
 */
public final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    public void handle(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String raw = exchange.getProperty(WebhookEndpoint.RAW_REQUEST, String.class);
        if (e instanceof ApiException api) {
            if (raw != null && api.status() != 401) {
                LOG.warn("Refused carrier request ({} {}): {} -- {}", api.status(), api.code(), api.getMessage(), raw);
            }
            write(exchange, api.status(), api.code(), api.getMessage());
        } else if (e instanceof BadPayloadException bad) {
            LOG.warn("Refused malformed carrier request: {} -- {}", bad.getMessage(), raw);
            write(exchange, 400, "bad_payload", bad.getMessage());
        } else {
            LOG.error("Request failed: {}", e == null ? "unknown error" : e.toString(), e);
            write(exchange, 503, "unavailable", "the bridge cannot store messages right now (" +
                    (e == null ? "unknown" : e.getClass().getSimpleName()) + "); try again later");
        }
    }

    private static void write(Exchange exchange, int status, String code, String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode err = root.putObject("error");
        err.put("code", code);
        err.put("message", message);
        PlatformApi.respond(exchange, status, root.toString());
    }
}
