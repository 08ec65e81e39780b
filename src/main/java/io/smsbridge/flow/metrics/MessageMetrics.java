package io.smsbridge.flow.metrics;

import java.time.Duration;

/**
 * What the flows count for an operator's dashboards and alerts; the observe edge turns it into
 * Micrometer series ({@code smsbridge_messages_total}, …, see docs/operations.md).
 */
public interface MessageMetrics {

    enum Event { ACCEPTED, SENT, DELIVERED, FAILED }

    /** {@code direction}: inbound or outbound. */
    void message(String integrationId, String direction, Event event);

    /** A carrier's answer to a send: {@code answerClass} ok, retryable or permanent; {@code status} the HTTP status, or none. */
    void carrierAnswer(String integrationId, String answerClass, String status);

    /** From the message's acceptance to the carrier's taking it. */
    void sendLatency(String integrationId, Duration acceptedToCarrier);

    /** A platform post's end: {@code result} ok, retry or given-up. */
    void platformPost(String organizationId, String result);

    /** Counts nothing (a flow wired without metrics). */
    MessageMetrics NONE = new MessageMetrics() {
        @Override
        public void message(String integrationId, String direction, Event event) {
        }

        @Override
        public void carrierAnswer(String integrationId, String answerClass, String status) {
        }

        @Override
        public void sendLatency(String integrationId, Duration acceptedToCarrier) {
        }

        @Override
        public void platformPost(String organizationId, String result) {
        }
    };
}
