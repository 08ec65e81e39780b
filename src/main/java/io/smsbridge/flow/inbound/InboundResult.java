package io.smsbridge.flow.inbound;

import io.smsbridge.store.Job;
import java.util.List;

/** What storing an inbound message did: its id, whether it was a repeat, the jobs to hand off. */
public record InboundResult(String messageId, boolean duplicate, boolean group, int recipients, List<Job> jobs) {
}
