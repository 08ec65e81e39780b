package io.smsbridge.core.message;

import java.time.Instant;
import java.util.List;

/** A message row as the senders and the API read it. */
public record StoredMessage(String id, String organizationId, String integrationId, String direction, String number,
        String contact, String contactKind, String conversationId, String senderUser, List<String> recipients,
        Boolean group, String content, List<String> mediaUrls, String encoding, Integer segments, String provider,
        String providerMessageId, MessageStatus status, String errorCode, String errorReason, int attempts,
        Instant nextAttemptAt, Instant createdAt, Instant updatedAt) {
}
