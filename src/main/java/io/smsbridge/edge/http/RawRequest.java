package io.smsbridge.edge.http;

import io.smsbridge.core.codec.FieldRules;
import io.smsbridge.core.codec.MediaTypes;

import io.smsbridge.core.refusal.MalformedRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.WebServerRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * An HTTP request as the client sent it: the body's bytes, the raw query string, the real headers
 * and path parameters. The HTTP server also copies query parameters and form fields into Camel's
 * headers, where a form field can pose as a header or a query parameter (a {@code token} field as
 * the webhook token); the edges read the request from here instead.
 */
public record RawRequest(String method, String contentType, String rawQuery, byte[] body,
        Function<String, String> headers, Function<String, String> pathParams, Map<String, String> multipartFields) {

    /** The address the request came from (the TCP peer: a proxy in front is one source). */
    public static String remoteAddress(Exchange exchange) {
        if (exchange.getMessage() instanceof HttpMessage hm && hm.getRequest() instanceof WebServerRequest web
                && web.routingContext().request().remoteAddress() != null) {
            return web.routingContext().request().remoteAddress().hostAddress();
        }
        return "unknown";
    }

    /** The request behind the exchange of a platform-http route. */
    public static RawRequest of(Exchange exchange) {
        Message in = exchange.getMessage();
        if (in instanceof HttpMessage hm && hm.getRequest() instanceof WebServerRequest web) {
            RoutingContext ctx = web.routingContext();
            HttpServerRequest req = hm.getRequest();
            String contentType = req.getHeader("Content-Type");
            Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
            Map<String, String> multipart = Map.of();
            if (isMultipart(contentType)) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (String name : req.formAttributes().names()) {
                    if (req.formAttributes().getAll(name).size() > 1) {
                        throw new MalformedRequest(name, "field '" + name + "' appears more than once in the form"
                                + " body; send it once");
                    }
                    fields.put(name, req.formAttributes().get(name));
                }
                multipart = fields;
            }
            return new RawRequest(req.method().name(), contentType, req.query(),
                    buffer == null ? new byte[0] : buffer.getBytes(), req::getHeader, ctx::pathParam, multipart);
        }
        // not served by Vert.x (a test's exchange, another HTTP engine): what Camel's message holds
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        return new RawRequest(in.getHeader(Exchange.HTTP_METHOD, "POST", String.class), contentType,
                in.getHeader(Exchange.HTTP_RAW_QUERY, String.class), bytes(in.getBody()),
                name -> in.getHeader(name, String.class), name -> in.getHeader(name, String.class), Map.of());
    }

    /** The Content-Type's charset; UTF-8 when it names none. An unknown one is refused. */
    public Charset charset() {
        return charset(contentType);
    }

    public String header(String name) {
        return headers.apply(name);
    }

    public String pathParam(String name) {
        return pathParams.apply(name);
    }

    /** The media type, lower case, without parameters; "" when none was sent. */
    public String mediaType() {
        return mediaType(contentType);
    }

    public static String mediaType(String contentType) {
        return MediaTypes.of(contentType);
    }

    static boolean isMultipart(String contentType) {
        return mediaType(contentType).equals("multipart/form-data");
    }

    static Charset charset(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new MalformedRequest(null, "the Content-Type names charset '" + FieldRules.printable(name, 40)
                            + "', which the bridge does not know; send UTF-8");
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static byte[] bytes(Object body) {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[] b) {
            return b;
        }
        if (body instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (body instanceof InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the request body", e);
            }
        }
        return String.valueOf(body).getBytes(StandardCharsets.UTF_8);
    }
}
