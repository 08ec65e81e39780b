package io.smsbridge.flow.outbound;

import io.smsbridge.core.retry.CircuitBreakers;
import io.smsbridge.core.retry.FailureClass;
import io.smsbridge.core.retry.Outcome;
import io.smsbridge.core.retry.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * What a carrier's answer says about the carrier, for every later send of its integration: a
 * transient failure counts towards opening its circuit, any other answer shows it is up, and a
 * Retry-After pauses it. Single sends and bulk sends read their answers through this one place.
 */
final class CarrierHealth {

    /** Marks a job that waits for its carrier's circuit ({@link io.smsbridge.store.JobStore#release} looks for it). */
    static final String WAITING = "waiting: ";
    private static final Logger LOG = LoggerFactory.getLogger(CarrierHealth.class);

    private final CircuitBreakers circuits;

    CarrierHealth(CircuitBreakers circuits) {
        this.circuits = circuits;
    }

    /** A failed attempt of {@code what} (a message or a broadcast), judged by {@code policy} (null: none). */
    void failed(RetryPolicy policy, Outcome o, Duration retryAfter, String integrationId, String provider,
            String what, Instant now) {
        // outside the transaction: group commit may run it twice, the circuit must count the failure once
        if (policy == null || policy.classify(o) != FailureClass.TRANSIENT) {
            circuits.succeeded(integrationId); // the carrier answered: it is up
        } else if (circuits.failed(integrationId, now)) {
            LOG.warn("Integration {} ({}) keeps failing ({}); its sends wait and are retried in order",
                    integrationId, provider, o.reason());
        }
        if (policy != null && policy.needsOperator(o)) {
            LOG.error("{} needs an operator: {} ({}); {}", provider, o.reason(), o.code(), what);
        }
        if (retryAfter != null && policy != null && policy.classify(o) == FailureClass.TRANSIENT) {
            // the carrier's Retry-After holds the whole integration (capped at circuit.max-open-for)
            circuits.holdUntil(integrationId, now.plus(retryAfter), now);
        }
    }

    /** The carrier's Retry-After as honoured for the send and the integration: at most circuit.max-open-for. */
    Duration retryAfter(Duration asked) {
        return circuits.capped(asked);
    }

    /**
     * When a failed send goes again: a paused carrier's sends wait in line and are released together
     * when it is back; the later of the pause and the send's own next attempt wins.
     */
    Instant retryTime(String integrationId, Instant next) {
        Instant paused = circuits.openUntil(integrationId);
        return paused != null && paused.isAfter(next) ? paused : next;
    }

    /** The job's note for a retry: marked as waiting for the circuit while the carrier is paused. */
    String why(String integrationId, String reason) {
        return circuits.openUntil(integrationId) != null ? WAITING + reason : reason;
    }

    boolean paused(String integrationId) {
        return circuits.openUntil(integrationId) != null;
    }
}
