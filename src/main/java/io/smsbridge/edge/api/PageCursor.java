package io.smsbridge.edge.api;

import io.smsbridge.core.refusal.Refusal;
import io.smsbridge.store.db.Uuid7;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of the message list ends: the last message's time and id, opaque to the platform
 * (base64url). The next page starts after it, so messages stored meanwhile shift nothing.
 */
record PageCursor(Instant at, String id) {

    String encode() {
        String raw = at.getEpochSecond() + "." + at.getNano() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor this API gave out; 400 otherwise. */
    static PageCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            int dot = raw.indexOf('.');
            String id = raw.substring(bar + 1);
            if (bar < 0 || dot < 0 || dot > bar || !Uuid7.isUuid(id)) {
                throw new IllegalArgumentException();
            }
            return new PageCursor(Instant.ofEpochSecond(Long.parseLong(raw.substring(0, dot)),
                    Long.parseLong(raw.substring(dot + 1, bar))), id);
        } catch (RuntimeException e) {
            throw Refusal.badRequest("cursor is not one this API gave out; pass next_cursor of the previous page as"
                    + " it is", "cursor");
        }
    }
}
