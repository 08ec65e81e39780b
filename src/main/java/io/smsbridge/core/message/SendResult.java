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

    /** A lookup's answer: the carrier never got the message (so sending it now texts nobody twice). */
    public static final String NOT_SENT = "not-sent";

    public static SendResult notSent(String reason) {
        return new SendResult(null, new Outcome(java.util.List.of(NOT_SENT), NOT_SENT, reason), null);
    }

    public boolean isNotSent() {
        return failure != null && NOT_SENT.equals(failure.code());
    }

    public boolean isAccepted() {
        return failure == null;
    }
}
