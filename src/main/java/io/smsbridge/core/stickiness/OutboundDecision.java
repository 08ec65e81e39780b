package io.smsbridge.core.stickiness;

import java.time.Instant;

/**
 * What an outbound message does to the conversation's session.
 *
 * @param close       reason to close the current session first, or null
 * @param openOwner   owner of a new session to open, or null
 * @param extendTo    new expiry (of the current session if nothing is opened, else of the new one), or null
 */
public record OutboundDecision(ClosedReason close, String openOwner, Instant extendTo) {

    public static final OutboundDecision NONE = new OutboundDecision(null, null, null);
}
