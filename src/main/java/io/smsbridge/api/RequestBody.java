package io.smsbridge.api;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP request's body as text. The server hands it over as a stream; Camel's type converter
 * reads a stream through a new BufferedReader (an 8 K char buffer) and a StringBuilder per call,
 * about a tenth of everything the bridge allocated per message under load (and InputStream's
 * readAllBytes an 8 K buffer). Reading the bytes once into an array of their size costs the body.
 */
public final class RequestBody {

    private RequestBody() {
    }

    /** The body in the request's charset (UTF-8 when it names none), null when there is none. */
    public static String text(Exchange exchange) {
        Message in = exchange.getMessage();
        Object body = in.getBody();
        if (body == null || body instanceof String) {
            return (String) body;
        }
        Charset charset = charset(exchange);
        if (body instanceof byte[] bytes) {
            return new String(bytes, charset);
        }
        if (body instanceof InputStream stream) {
            try {
                String text = new String(readAll(stream), charset);
                if (stream instanceof StreamCache cache) {
                    cache.reset(); // error handlers and logs may read it again
                }
                return text;
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the request body", e);
            }
        }
        return in.getBody(String.class);
    }

    /** The server's streams hold the whole body in memory: size the array by what is there. */
    private static byte[] readAll(InputStream stream) throws IOException {
        int available = stream.available();
        if (available <= 0) {
            return stream.readAllBytes();
        }
        byte[] bytes = stream.readNBytes(available);
        int next = stream.read();
        if (next < 0) {
            return bytes;
        }
        byte[] rest = stream.readAllBytes();
        byte[] all = new byte[bytes.length + 1 + rest.length];
        System.arraycopy(bytes, 0, all, 0, bytes.length);
        all[bytes.length] = (byte) next;
        System.arraycopy(rest, 0, all, bytes.length + 1, rest.length);
        return all;
    }

    private static Charset charset(Exchange exchange) {
        String name = exchange.getProperty(Exchange.CHARSET_NAME, String.class);
        if (name != null) {
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException e) {
                // an unknown charset in Content-Type: read it as UTF-8, as JSON and forms mostly are
            }
        }
        return StandardCharsets.UTF_8;
    }
}
