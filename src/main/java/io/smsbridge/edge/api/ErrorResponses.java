package io.smsbridge.edge.api;

import io.smsbridge.core.refusal.Refusal;
import io.smsbridge.store.db.DatabaseException;
import io.smsbridge.edge.http.ErrorBody;
import io.smsbridge.core.codec.MalformedRequest;
import io.smsbridge.core.message.BadPayloadException;
import io.smsbridge.edge.webhook.WebhookEndpoint;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/**
 * Turns exceptions into the contract's JSON errors: {@code {"error":{"code":…,"message":…}}}. A
 * refused carrier request is logged as one line with its method, path, content type and size (never
 * its body or query: they carry message text and tokens); only a real outage (the database)
 * answers 503, and a bug 500. No answer names a class, a library or SQL.
 */
public final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    public void handle(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String raw = exchange.getProperty(WebhookEndpoint.RAW_REQUEST, String.class);
        boolean webhook = raw != null;
        if (e instanceof Refusal api) {
            if (webhook && api.status() != 401) {
                LOG.warn("Refused carrier request ({} {}): {} -- {}", api.status(), api.code(), api.getMessage(), raw);
            }
            write(exchange, api.status(), api.code(), api.getMessage(), api.field());
        } else if (e instanceof MalformedRequest bad) {
            String code = bad.status() == 415 ? "unsupported_media_type" : webhook ? "bad_payload" : "bad_request";
            if (webhook) {
                LOG.warn("Refused malformed carrier request ({} {}): {} -- {}", bad.status(), code, bad.getMessage(),
                        raw);
            }
            write(exchange, bad.status(), code, bad.getMessage(), bad.field());
        } else if (e instanceof BadPayloadException bad) {
            LOG.warn("Refused malformed carrier request (400 bad_payload): {} -- {}", bad.getMessage(), raw);
            write(exchange, 400, "bad_payload", bad.getMessage(), null);
        } else if (isOutage(e)) {
            LOG.error("Request failed, the database is unavailable: {}", e.getMessage());
            LOG.debug("Database failure", e);
            write(exchange, 503, "unavailable", "the bridge cannot store messages right now; try again later", null);
        } else {
            LOG.error("Request failed on a bug of the bridge", e);
            write(exchange, 500, "internal_error", "the bridge could not handle this request; the operator's log has"
                    + " the details. Try again later", null);
        }
    }

    /**
     * A database that fails, not one that refuses a value (SQLSTATE class 22, data exception: a value
     * that slipped past the edge's checks is a bug, answered 500).
     */
    private static boolean isOutage(Throwable e) {
        boolean database = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return false;
            }
            database |= t instanceof DatabaseException || t instanceof SQLException;
        }
        return database;
    }

    private static void write(Exchange exchange, int status, String code, String message, String field) {
        PlatformApi.respond(exchange, status, ErrorBody.json(code, message, field));
    }
}
