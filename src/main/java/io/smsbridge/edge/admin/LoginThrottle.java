package io.smsbridge.edge.admin;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.smsbridge.core.refusal.Refusal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per source address: each failure takes a token, the bucket refills over the window;
 * an empty bucket refuses every sign-in from that source (429), right password or not.
 */
public final class LoginThrottle {

    private static final int MAX_SOURCES = 10_000;

    private final int attempts;
    private final Duration window;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public LoginThrottle(int attempts, Duration window) {
        this.attempts = attempts;
        this.window = window;
    }

    public void check(String source) {
        Bucket b = buckets.get(source);
        if (b != null && b.getAvailableTokens() <= 0) {
            throw new Refusal(Refusal.Kind.TOO_MANY, "too_many_attempts", "too many failed sign-ins from this"
                    + " address; wait " + window.toSeconds() + " seconds and try again", null);
        }
    }

    public void failed(String source) {
        if (buckets.size() > MAX_SOURCES) {
            buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= attempts);
        }
        buckets.computeIfAbsent(source, s -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(attempts).refillGreedy(attempts, window).build())
                .build()).tryConsume(1);
    }
}
