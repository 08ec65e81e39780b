package io.smsbridge.core.message;

import io.smsbridge.core.directory.Integration;

import java.util.List;

/**
 * One text from one of our numbers to many contacts in one carrier request (a broadcast's chunk).
 * Each contact is a message of its own, so each gets its own carrier id, status and retries.
 *
 * @param from    our number, E.164
 * @param attempt this request's attempt, counted from 1
 */
public record OutboundBulk(String broadcastId, Integration integration, String from, String text,
        List<Recipient> recipients, int attempt) {

    /** A contact of the chunk: its message and its address (E.164). */
    public record Recipient(String messageId, String to) {
    }

    public OutboundBulk {
        recipients = List.copyOf(recipients);
    }
}
