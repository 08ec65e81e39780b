package io.smsbridge.flow.outbound;

import io.smsbridge.store.Job;
import io.smsbridge.core.message.StoredMessage;

/**
 * A carrier-send job handed straight to the send queue, with its message as accept stored it: the
 * send need not read back what was written a moment ago. The poller's path carries only job ids.
 */
public record SendJob(Job job, StoredMessage message) {
}
