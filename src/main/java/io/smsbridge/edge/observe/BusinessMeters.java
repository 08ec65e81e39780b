package io.smsbridge.edge.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smsbridge.flow.metrics.MessageMetrics;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The flows' counts as Micrometer series. The registry is camel-main's, bound once the context has
 * started; what happens before that (nothing: no route runs) is not counted.
 */
public final class BusinessMeters implements MessageMetrics {

    private volatile MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /** Binds to {@code registry} if it is a Micrometer registry (camel-main binds one as {@code metricsRegistry}). */
    public void bindIfRegistry(Object meters) {
        if (meters instanceof MeterRegistry r) {
            registry = r;
        }
    }

    @Override
    public void message(String integrationId, String direction, Event event) {
        count("smsbridge.messages", "Messages by integration, direction and event (accepted, sent, delivered, failed)",
                "integration", integrationId, "direction", direction, "event", event.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void carrierAnswer(String integrationId, String answerClass, String status) {
        count("smsbridge.carrier.answers", "Carriers' answers to sends, by class (ok, retryable, permanent) and HTTP status",
                "integration", integrationId, "class", answerClass, "status", status);
    }

    @Override
    public void sendLatency(String integrationId, Duration acceptedToCarrier) {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        timers.computeIfAbsent(integrationId, id -> Timer.builder("smsbridge.send.latency")
                .description("From a message's acceptance to its carrier's taking it")
                .tag("integration", id).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(r)).record(acceptedToCarrier);
    }

    @Override
    public void platformPost(String organizationId, String result) {
        count("smsbridge.platform.posts", "Posts to the platform's webhook, by organization and result (ok, retry, given-up)",
                "organization", organizationId, "result", result);
    }

    private void count(String name, String description, String... tags) {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        for (int i = 1; i < tags.length; i += 2) {
            tags[i] = tags[i] == null ? "none" : tags[i];
        }
        counters.computeIfAbsent(name + String.join("\u0000", tags), k -> Counter.builder(name)
                .description(description).tags(tags).register(r)).increment();
    }
}
