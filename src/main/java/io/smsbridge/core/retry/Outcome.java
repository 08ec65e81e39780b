package io.smsbridge.core.retry;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A failed attempt, described by the keys a retry table is written in, most specific first:
 * {@code http.503, http.5xx}; {@code io.timeout, io}; {@code io.connect, io}; {@code code.4} (a
 * carrier's error code, optionally with the HTTP status of the answer that carried it).
 */
public record Outcome(List<String> keys, String code, String reason) {

    /**
     * An HTTP answer. {@code code}, when given, is a key of the retry table too ({@code code.<code>});
     * use {@link #withCode} instead for an error code of another namespace that is only to be shown.
     */
    public static Outcome http(int status, String code, String reason) {
        List<String> keys = new ArrayList<>();
        if (code != null) {
            keys.add("code." + code.toLowerCase(java.util.Locale.ROOT));
        }
        keys.add("http." + status);
        keys.add("http." + (status / 100) + "xx");
        return new Outcome(List.copyOf(keys), code != null ? code : String.valueOf(status), reason);
    }

    /** The same outcome, showing {@code code} (e.g. a carrier API's error code) without matching on it. */
    public Outcome withCode(String shownCode) {
        return shownCode == null ? this : new Outcome(keys, shownCode, reason);
    }

    public static Outcome carrierCode(String code, String reason) {
        return new Outcome(List.of("code." + code.toLowerCase(java.util.Locale.ROOT)), code, reason);
    }

    public static Outcome io(Throwable error) {
        String kind = "io.other";
        for (Throwable t = error; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (t instanceof SocketTimeoutException || name.contains("Timeout")) {
                kind = "io.timeout";
                break;
            }
            if (t instanceof ConnectException || name.contains("Connect")) {
                kind = "io.connect";
                break;
            }
        }
        String reason = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        return new Outcome(List.of(kind, "io"), kind, reason);
    }
}
