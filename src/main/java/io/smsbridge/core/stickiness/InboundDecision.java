package io.smsbridge.core.stickiness;

import java.time.Instant;
import java.util.List;

/**
 * Who receives an inbound message and what happens to the session.
 *
 * @param recipients users that get the message
 * @param group      true when every assigned user receives it (group chat)
 * @param extendTo   new expiry of the current session, or null to leave it
 * @param close      reason to close the current session, or null
 */
public record InboundDecision(List<String> recipients, boolean group, Instant extendTo, ClosedReason close) {
}
