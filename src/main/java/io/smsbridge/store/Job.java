package io.smsbridge.store;

import java.time.Instant;

/**
 * A job taken by this instance since {@code leasedAt}. {@code attempts} counts this attempt.
 * {@code callStartedAt} is set when an earlier holder began the carrier call and never recorded its
 * answer (it crashed): the send's outcome is unknown.
 */
public record Job(long id, JobKind kind, String messageId, String organizationId, String payload, int attempts,
        Instant createdAt, Instant leasedAt, Instant callStartedAt) {

    public Job(long id, JobKind kind, String messageId, String organizationId, String payload, int attempts,
            Instant createdAt, Instant leasedAt) {
        this(id, kind, messageId, organizationId, payload, attempts, createdAt, leasedAt, null);
    }

    /** Whether an earlier holder's carrier call has no recorded answer. */
    public boolean uncertain() {
        return callStartedAt != null;
    }

    /** The same job with its lease renewed at {@code now}. */
    Job renewed(Instant now) {
        return new Job(id, kind, messageId, organizationId, payload, attempts, createdAt, now, callStartedAt);
    }
}
