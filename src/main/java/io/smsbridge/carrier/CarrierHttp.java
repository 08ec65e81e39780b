package io.smsbridge.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsbridge.core.message.SendResult;
import io.smsbridge.core.retry.RetryAfter;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** What every carrier API call shares: a clean request, Basic auth, and reading the answer. */
public final class CarrierHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CarrierHttp() {
    }

    /** Replaces every header of the exchange with a POST to {@code url} (nothing of the exchange leaks). */
    public static void post(Message msg, String url, String accept) {
        msg.removeHeaders("*");
        // the enum itself: a String would go through a slow type-converter lookup on every call
        msg.setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
        msg.setHeader(Exchange.HTTP_URI, url);
        msg.setHeader("Accept", accept);
    }

    public static void basicAuth(Message msg, String user, String password) {
        String credentials = user + ":" + password;
        msg.setHeader("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /** Maps the carrier's answer (status, body, Retry-After) to a SendResult and makes it the body. */
    public static void answer(Exchange exchange, AnswerMapper mapper) {
        Message msg = exchange.getMessage();
        int status = msg.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = msg.getBody(String.class);
        Duration retryAfter = RetryAfter.parse(msg.getHeader("Retry-After", String.class), Instant.now());
        msg.removeHeaders("*");
        msg.setBody(mapper.map(status, body, retryAfter));
    }

    /** The body as JSON, or null when it is empty or not JSON. */
    public static JsonNode json(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    public static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @FunctionalInterface
    public interface AnswerMapper {
        SendResult map(int status, String body, Duration retryAfter);
    }
}
