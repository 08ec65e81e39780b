package io.smsbridge.core.message;

import java.util.List;

/** {@code POST /api/v1/broadcasts}: the send request's fields, with {@code to} as a list of contacts. */
public record BroadcastRequest(String from, List<String> to, String extension, String domain, String text,
        boolean dryRun) {

    public BroadcastRequest {
        to = List.copyOf(to);
    }
}
