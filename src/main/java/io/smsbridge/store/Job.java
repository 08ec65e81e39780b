package io.smsbridge.store;

import java.time.Instant;

/** A job taken by this instance since {@code leasedAt}. {@code attempts} counts this attempt. */
public record Job(long id, JobKind kind, String messageId, String organizationId, String payload, int attempts,
        Instant createdAt, Instant leasedAt) {

    /** The same job with its lease renewed at {@code now}. */
    Job renewed(Instant now) {
        return new Job(id, kind, messageId, organizationId, payload, attempts, createdAt, now);
    }
}
