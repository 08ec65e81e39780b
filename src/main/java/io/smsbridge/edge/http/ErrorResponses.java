package io.smsbridge.edge.http;

import io.smsbridge.core.refusal.Refusal;
import io.smsbridge.store.db.DatabaseException;
import io.smsbridge.core.refusal.MalformedRequest;
import io.smsbridge.core.message.BadPayloadException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
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
    /**
     * Exchange property a carrier's webhook sets: what may be logged of its request when it is refused
     * (method, path, content type and size, never the body or query).
     */
    public static final String CARRIER_REQUEST = "rawRequest";

    public void handle(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String raw = exchange.getProperty(CARRIER_REQUEST, String.class);
        boolean webhook = raw != null;
        if (e instanceof MalformedRequest bad) {
            int status = status(bad.kind());
            String code = status == 415 ? "unsupported_media_type" : webhook ? "bad_payload" : "bad_request";
            if (webhook) {
                LOG.warn("Refused malformed carrier request ({} {}): {} -- {}", status, code, bad.getMessage(), raw);
            }
            write(exchange, status, code, bad.getMessage(), bad.field());
        } else if (e instanceof Refusal refused) {
            int status = status(refused.kind());
            if (webhook && status != 401) {
                LOG.warn("Refused carrier request ({} {}): {} -- {}", status, refused.code(), refused.getMessage(), raw);
            }
            write(exchange, status, refused.code(), refused.getMessage(), refused.field());
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

    /** The HTTP status of each kind of refusal (design: 400, 415, 401, 403, 404, 422; 409 and 429 for the admin API). */
    static int status(Refusal.Kind kind) {
        return switch (kind) {
            case MALFORMED -> 400;
            case UNSUPPORTED_TYPE -> 415;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case UNPROCESSABLE -> 422;
            case CONFLICT -> 409;
            case TOO_MANY -> 429;
        };
    }

    private static void write(Exchange exchange, int status, String code, String message, String field) {
        respond(exchange, status, ErrorBody.json(code, message, field));
    }

    /** Replaces the exchange's headers and body with a JSON answer. */
    public static void respond(Exchange exchange, int status, String json) {
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        m.setBody(json);
    }
}
