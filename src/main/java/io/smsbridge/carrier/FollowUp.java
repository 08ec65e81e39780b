package io.smsbridge.carrier;

import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.message.CarrierEvent;

import java.time.Duration;

/** An event a carrier reports by itself, {@code delay} after the send, as if it came to its webhook. */
public record FollowUp(Duration delay, Integration integration, CarrierEvent event) {

    public long delayMillis() {
        return delay.toMillis();
    }
}
