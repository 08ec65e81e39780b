package io.smsbridge.flow.outbound;

import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.directory.SmsNumber;
import io.smsbridge.core.traffic.SendRate;
import io.smsbridge.store.Job;
import io.smsbridge.store.JobStore;
import io.smsbridge.store.ThrottleStore;
import io.smsbridge.store.db.Database;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds a send to its integration's and its number's rates: a send over the rate goes back to the
 * outbox until its slot (it is never refused, and its worker is free for other carriers meanwhile).
 */
public final class SendThrottle {

    /** A wait shorter than this is not worth a trip through the outbox. */
    private static final Duration NOW = Duration.ofMillis(20);

    private final Database db;
    private final ThrottleStore store;
    private final JobStore jobs;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong waitedMillis = new AtomicLong();

    public SendThrottle(Database db, ThrottleStore store, JobStore jobs) {
        this.db = db;
        this.store = store;
        this.jobs = jobs;
    }

    /** Null: send now. Otherwise the job was put back in the outbox until the returned time. */
    public Instant hold(Job job, Integration integration, SmsNumber number, Instant now) {
        Map<String, SendRate> limits = new HashMap<>();
        SendRate ir = integration.rate();
        if (ir != null) {
            limits.put("integration:" + integration.id(), ir);
        }
        if (number != null && number.rate() != null) {
            limits.put("number:" + number.number(), number.rate());
        }
        if (limits.isEmpty() || JobStore.holdsSlot(job)) {
            return null;
        }
        Instant at = store.reserve(limits, now);
        Duration wait = Duration.between(now, at);
        if (wait.compareTo(NOW) <= 0) {
            return null;
        }
        db.inTransaction(c -> {
            jobs.throttle(c, job.id(), job.attempts(), at);
            return null;
        });
        held.incrementAndGet();
        waitedMillis.addAndGet(wait.toMillis());
        return at;
    }

    /** Sends put back to wait for their rate, since start. */
    public long held() {
        return held.get();
    }

    /** Their waits added up, in seconds. */
    public double waitedSeconds() {
        return waitedMillis.get() / 1000.0;
    }
}
