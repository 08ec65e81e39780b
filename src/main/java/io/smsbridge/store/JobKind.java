package io.smsbridge.store;

/** Durable work items; each kind is taken by its own route (queue name). */
public enum JobKind {
    CARRIER_SEND("carrier-send"),
    PLATFORM_POST("platform-post");

    private final String queue;

    JobKind(String queue) {
        this.queue = queue;
    }

    public String queue() {
        return queue;
    }

    public String dbValue() {
        return queue;
    }

    public static JobKind fromDb(String value) {
        for (JobKind k : values()) {
            if (k.queue.equals(value)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown job kind " + value);
    }
}
