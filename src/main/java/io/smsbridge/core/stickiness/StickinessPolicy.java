package io.smsbridge.core.stickiness;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The stickiness rules (docs/configuration.md, Stickiness), as pure decisions:
 * <ol>
 * <li>stickiness 0: inbound goes to all assigned users, outbound opens nothing;</li>
 * <li>a user's outbound message opens (or takes over, or extends) the session until now + S;</li>
 * <li>inbound with an open session goes to its owner only and extends it; otherwise to everyone;</li>
 * <li>an expired session is never used, it is closed as expired.</li>
 * </ol>
 * A session whose owner is no longer assigned to the number is treated as taken away (reassigned).
 */
public final class StickinessPolicy {

    private StickinessPolicy() {
    }

    public static InboundDecision onInbound(Session current, Duration stickiness, List<String> assignedUsers,
            Instant now) {
        if (stickiness.isZero()) {
            return new InboundDecision(assignedUsers, true, null, null);
        }
        if (current == null) {
            return new InboundDecision(assignedUsers, true, null, null);
        }
        if (!current.isOpenAt(now)) {
            return new InboundDecision(assignedUsers, true, null, ClosedReason.EXPIRED);
        }
        if (!assignedUsers.contains(current.owner())) {
            return new InboundDecision(assignedUsers, true, null, ClosedReason.REASSIGNED);
        }
        return new InboundDecision(List.of(current.owner()), false, now.plus(stickiness), null);
    }

    public static OutboundDecision onOutbound(Session current, Duration stickiness, String user, Instant now) {
        if (stickiness.isZero()) {
            return OutboundDecision.NONE;
        }
        Instant until = now.plus(stickiness);
        if (current == null) {
            return new OutboundDecision(null, user, until);
        }
        if (!current.isOpenAt(now)) {
            return new OutboundDecision(ClosedReason.EXPIRED, user, until);
        }
        if (current.owner().equals(user)) {
            return new OutboundDecision(null, null, until);
        }
        return new OutboundDecision(ClosedReason.REASSIGNED, user, until);
    }
}
