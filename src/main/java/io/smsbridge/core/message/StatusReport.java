package io.smsbridge.core.message;

/**
 * A carrier's word on an outbound message.
 *
 * @param providerMessageId the carrier's id, as returned when the message was sent
 * @param dedupeKey         what makes this report unique (id, type, status)
 * @param status            the status it moves the message to
 * @param notifyPlatform    whether the platform hears of it ({@code delivered} / {@code failed})
 * @param code              carrier error code, or null
 * @param reason            human-readable reason, or null
 */
public record StatusReport(String providerMessageId, String dedupeKey, MessageStatus status, boolean notifyPlatform,
        String code, String reason) {
}
