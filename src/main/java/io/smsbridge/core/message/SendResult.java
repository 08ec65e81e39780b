package io.smsbridge.core.message;

import io.smsbridge.core.retry.Outcome;

import java.time.Duration;

/** What a carrier reports for one attempt: accepted with its id for the message, or a failure. */
public record SendResult(String providerMessageId, Outcome failure, Duration retryAfter) {

    public static SendResult accepted(String providerMessageId) {
        return new SendResult(providerMessageId, null, null);
    }

    public static SendResult failed(Outcome outcome, Duration retryAfter) {
        return new SendResult(null, outcome, retryAfter);
    }

    public boolean isAccepted() {
        return failure == null;
    }
}
