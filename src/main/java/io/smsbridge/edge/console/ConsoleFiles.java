package io.smsbridge.edge.console;

import io.smsbridge.core.refusal.Refusal;
import io.smsbridge.edge.http.ErrorResponses;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web console's static files, served from the classpath: console/ (the pages, small ES modules,
 * no build step) and the swagger-ui webjar for the OpenAPI page. Read once, kept in memory.
 */
public final class ConsoleFiles {

    private static final String PREFIX = "/console";
    private static final String WEBJARS = "/webjars/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png", "json", "application/json", "map", "application/json");
    /** The console's pages load only the bridge's own scripts and styles, and talk only to it. */
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'"
            + " 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
    private final String swaggerUi;

    public ConsoleFiles() {
        // the webjar's files sit under its version: read it from the webjar rather than repeat the pom's
        java.util.Properties pom = new java.util.Properties();
        try (InputStream in = ConsoleFiles.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in != null) {
                pom.load(in);
            }
        } catch (IOException ignored) {
            // the OpenAPI page then answers 404 for its scripts
        }
        this.swaggerUi = "META-INF/resources/webjars/swagger-ui/" + pom.getProperty("version", "missing") + "/";
    }

    public void serve(Exchange exchange) {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        String rel = relative(uri != null ? uri.split("\\?", 2)[0] : path);
        if (rel == null) {
            redirect(exchange, PREFIX + "/");
            return;
        }
        if (rel.isEmpty()) {
            rel = "index.html";
        } else if (rel.equals("api")) {
            rel = "api.html";
        }
        String resource = rel.startsWith(WEBJARS.substring(1) + "swagger-ui/")
                ? swaggerUi + rel.substring((WEBJARS.substring(1) + "swagger-ui/").length())
                : "console/" + rel;
        byte[] body = cache.get(resource);
        if (body == null) {
            body = read(resource);
            if (body.length > 0) {
                cache.put(resource, body); // only files that exist: a stranger's paths take no memory
            }
        }
        if (body.length == 0) {
            throw Refusal.notFound("no console page " + rel + "; the console starts at " + PREFIX + "/");
        }
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        String ext = rel.substring(rel.lastIndexOf('.') + 1);
        m.setHeader(Exchange.CONTENT_TYPE, TYPES.getOrDefault(ext, "application/octet-stream"));
        m.setHeader("Cache-Control", resource.startsWith("META-INF") ? "public, max-age=86400" : "no-cache");
        m.setHeader("Content-Security-Policy", POLICY);
        m.setHeader("X-Content-Type-Options", "nosniff");
        m.setHeader("Referrer-Policy", "no-referrer");
        m.setBody(body);
    }

    /** The path below /console/, "" for the index, null for /console itself; refused when it climbs out. */
    static String relative(String path) {
        if (path == null || path.equals(PREFIX)) {
            return null;
        }
        String rel = path.startsWith(PREFIX + "/") ? path.substring(PREFIX.length() + 1) : path.replaceFirst("^/", "");
        if (rel.contains("..") || rel.contains("\\") || rel.contains("//") || rel.startsWith("/")
                || !rel.matches("[A-Za-z0-9._/-]*")) {
            throw Refusal.notFound("no console page " + io.smsbridge.core.codec.FieldRules.printable(rel, 80));
        }
        return rel;
    }

    private static void redirect(Exchange exchange, String to) {
        ErrorResponses.respond(exchange, 308, "{}");
        exchange.getMessage().setHeader("Location", to);
    }

    private static byte[] read(String resource) {
        try (InputStream in = ConsoleFiles.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
