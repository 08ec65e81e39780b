package io.smsbridge.edge.http;

import io.smsbridge.core.codec.FieldRules;
import io.smsbridge.core.codec.PercentEncoding;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.net.impl.ConnectionBase;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Answers what the HTTP server refuses before any route runs (no such path, wrong method, a body
 * too large, a bad %-escape in the path or query, a missing Host header, a broken request line or
 * chunk) with the same JSON error body as the routes, and logs it as one line without the query
 * string (it may hold a webhook token) and without a stack trace: a client's bad request is not
 * the bridge's error.
 */
public final class HttpErrors {

    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);
    /**
     * The statuses Vert.x itself can end a request with; its body handler fails a broken request
     * stream (a bad chunk size, a closed connection) with 200.
     */
    private static final int[] STATUSES = {200, 400, 401, 403, 404, 405, 406, 408, 411, 413, 414, 415, 429, 431, 500,
        501, 503};

    private final long maxBodySize;

    public HttpErrors(long maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    /** Installs the handlers on every HTTP server and router the context runs. */
    public void install(CamelContext context) {
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            Router routes = router;
            on(router, routes);
            Router outer = outerRouter(router.getServer());
            if (outer != null) {
                on(outer, routes);
            }
        }
    }

    /**
     * What Netty refuses before any router sees it: a request line or headers it cannot parse, and a
     * broken chunked body. Must run before the server listens (see {@link HookedVertx}).
     */
    public void prepare(HttpServer server) {
        server.invalidRequestHandler(this::invalid);
        server.connectionHandler(conn -> {
            if (conn instanceof ConnectionBase base && base.channelHandlerContext().pipeline().get("handler") != null) {
                base.channelHandlerContext().pipeline().addBefore("handler", "smsbridge-broken-chunk",
                        new BrokenChunk());
            }
        });
    }

    private void on(Router router, Router routes) {
        for (int status : STATUSES) {
            router.errorHandler(status, ctx -> answer(ctx, status, routes));
        }
    }

    /**
     * The server's outer router, on which Camel mounts the routes' router: it alone sees requests that
     * match no route, and those it refuses before routing (a bad %-escape in the path, no Host
     * header). Camel 4.18 keeps it in a private field; without it only the routes' router answers JSON.
     */
    private static Router outerRouter(VertxPlatformHttpServer server) {
        if (server == null) {
            return null;
        }
        try {
            Field f = VertxPlatformHttpServer.class.getDeclaredField("router");
            f.setAccessible(true);
            return (Router) f.get(server);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Unknown paths and malformed requests will not answer JSON errors: this Camel version's HTTP"
                    + " server hides its router ({})", e.getMessage());
            return null;
        }
    }

    private void answer(RoutingContext ctx, int status, Router routes) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        Throwable failure = ctx.failure();
        if (failure instanceof HttpClosedException) {
            LOG.debug("HTTP client closed the connection before its answer");
            return;
        }
        if ((status == 500 || status < 400) && clientFault(failure)) {
            status = 400; // the request's bytes could not be decoded (a broken chunk, a bad escape)
        } else if (status < 400) {
            status = 500;
        }
        HttpServerRequest req = ctx.request();
        Refusal r = refusal(status, req, failure);
        if (status == 405) {
            ctx.response().putHeader("Allow", String.join(", ", allowed(routes, req.path())));
        }
        if (status >= 500) {
            // not a client's fault: keep the cause for the operator
            LOG.error("HTTP {} {} {}: {}", status, req.method(), safePath(req.path()), r.message(), failure);
        } else {
            LOG.info("Refused HTTP request ({} {}): {} {}", status, r.code(), req.method(), safePath(req.path()));
        }
        write(req, status, r);
    }

    /** A request Netty could not decode (request line, headers, chunk sizes): answered, then closed. */
    private void invalid(HttpServerRequest req) {
        Throwable cause = req.decoderResult() == null ? null : req.decoderResult().cause();
        String what = cause == null ? "" : String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        int status = what.contains("header") && what.contains("larger") ? 431
                : what.contains("line") && what.contains("larger") ? 414 : 400;
        Refusal r = new Refusal(status == 400 ? "bad_request" : "request_too_large", status == 400
                ? "the HTTP request could not be read (a malformed request line, header or chunked body);"
                        + " fix the client and send it again"
                : status == 414 ? "the request line is too long; send parameters in the body"
                : "the request headers are too large; send fewer or shorter headers");
        LOG.info("Refused malformed HTTP request ({} {})", status, r.code());
        write(req, status, r);
    }

    /**
     * Vert.x closes the connection without an answer when a chunk of the body cannot be decoded (a
     * bad chunk size): this answers the JSON error first, then closes.
     */
    static final class BrokenChunk extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            // a request Netty could not decode is a full request too: the invalid-request handler answers it
            if (!(msg instanceof HttpContent content) || msg instanceof HttpRequest
                    || content.decoderResult().isSuccess()) {
                ctx.fireChannelRead(msg);
                return;
            }
            ReferenceCountUtil.release(msg);
            LOG.info("Refused HTTP request (400 bad_request): a broken chunked body");
            byte[] body = ErrorBody.json("bad_request", "the request body could not be read (a broken chunked"
                    + " encoding); send it again whole", null).getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.BAD_REQUEST, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Decoding failures of what a client sent: Netty's codecs and the JDK's number and escape parsers. */
    static boolean clientFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NumberFormatException || t instanceof IllegalArgumentException
                    || t.getClass().getName().startsWith("io.netty.handler.codec")) {
                return true;
            }
        }
        return false;
    }

    /** The methods the routes take on this path (for a 405's Allow header). */
    static Set<String> allowed(Router routes, String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : routes.getRoutes()) {
            String p = route.getPath();
            if (p != null && route.methods() != null && path != null
                    && path.matches(p.replaceAll(":[^/]+", "[^/]+"))) {
                route.methods().forEach(m -> methods.add(m.name()));
            }
        }
        return methods;
    }

    private void write(HttpServerRequest req, int status, Refusal r) {
        try {
            req.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(ErrorBody.json(r.code(), r.message(), null));
        } catch (IllegalStateException e) {
            // the response was already written or the connection is gone: nothing more to say
        }
    }

    private Refusal refusal(int status, HttpServerRequest req, Throwable failure) {
        String method = req.method().name();
        String p = safePath(req.path());
        return switch (status) {
            case 400 -> new Refusal("bad_request", badRequest(req, failure));
            case 404 -> new Refusal("not_found", "no such path: " + method + " " + p + ". The bridge serves"
                    + " /webhooks/{integrationId}, /api/v1/messages and /observe/health");
            case 405 -> new Refusal("method_not_allowed", p + " does not take " + method
                    + "; see the README for the methods each path takes");
            case 413 -> new Refusal("body_too_large", "the body is larger than " + maxBodySize
                    + " bytes (camel.server.max-body-size); send a smaller request");
            case 415 -> new Refusal("unsupported_media_type", p + " does not read this Content-Type; send"
                    + " Content-Type: application/json");
            case 406 -> new Refusal("not_acceptable", p + " answers application/json; accept it");
            case 408 -> new Refusal("timeout", "the request did not arrive in time; send it again");
            case 411 -> new Refusal("length_required", "send Content-Length or a chunked body");
            case 414 -> new Refusal("request_too_large", "the request line is too long");
            case 431 -> new Refusal("request_too_large", "the request headers are too large");
            case 429 -> new Refusal("too_many_requests", "too many requests; slow down and retry later");
            case 503 -> new Refusal("unavailable", "the bridge is not ready or is stopping; try again later");
            case 401, 403 -> new Refusal(status == 401 ? "unauthorized" : "forbidden", "not allowed: " + p);
            default -> new Refusal("internal_error", "the bridge could not handle this request; the operator's log"
                    + " has the details. Try again later");
        };
    }

    /** What was wrong, read from the request itself (the libraries' messages are not for clients). */
    private static String badRequest(HttpServerRequest req, Throwable failure) {
        if (req.version() != io.vertx.core.http.HttpVersion.HTTP_2 && req.authority() == null
                && req.getHeader("Host") == null) {
            return "the Host header is missing; HTTP/1.1 requests must send one";
        }
        if (PercentEncoding.hasBadEscape(req.query())) {
            return "the query string has a bad %-escape; encode '%' as %25 and send it again";
        }
        String uri = req.uri();
        int q = uri == null ? -1 : uri.indexOf('?');
        if (PercentEncoding.hasBadEscape(q < 0 ? uri : uri.substring(0, q))) {
            return "the path has a bad %-escape; encode '%' as %25 and send it again";
        }
        String ct = req.getHeader("Content-Type");
        if (ct != null && ct.toLowerCase(Locale.ROOT).contains("form")) {
            return "the form body could not be decoded (a bad %-escape or a broken part); encode '%' as %25"
                    + " and send it again";
        }
        return "the request body could not be read (a broken chunked encoding or a truncated body); send it"
                + " again whole";
    }

    /** The path as logged and answered (a path can carry anything a client sends). */
    static String safePath(String path) {
        return path == null ? "/" : FieldRules.printable(path, 200);
    }

    record Refusal(String code, String message) {
    }
}
