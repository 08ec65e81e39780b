package io.smsbridge.core.stickiness;

import java.time.Instant;

/** The current sticky session of a conversation (number, contact): who owns it, until when. */
public record Session(String id, String owner, Instant expiresAt) {

    public boolean isOpenAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
