package io.smsbridge.edge.observe;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smsbridge.flow.outbound.SendThrottle;

/** Sends that waited for their rate (rate: in the directory), on {@code /observe/metrics}. */
public final class TrafficMeters {

    private TrafficMeters() {
    }

    public static void bindIfRegistry(Object registry, SendThrottle throttle) {
        if (registry instanceof MeterRegistry meters) {
            FunctionCounter.builder("smsbridge.throttled.sends", throttle, SendThrottle::held)
                    .description("Sends put back in the outbox to wait for their integration's or number's rate")
                    .register(meters);
            FunctionCounter.builder("smsbridge.throttled.wait.seconds", throttle, SendThrottle::waitedSeconds)
                    .description("The time those sends were told to wait, added up").register(meters);
        }
    }
}
