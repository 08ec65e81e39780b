package io.smsbridge.jobs;

import java.time.Instant;

/** A claimed job. {@code attempts} counts this attempt. */
public record Job(long id, JobKind kind, String messageId, String organizationId, String payload, int attempts,
        Instant createdAt) {
}
