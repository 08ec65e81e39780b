package io.smsbridge.store;

/** Durable work items; each kind is taken by its own route (queue name). */
public enum JobKind {
    CARRIER_SEND("carrier-send"),
    /** A broadcast's carrier request to many contacts at once; its message id is the broadcast's. */
    BULK_SEND("bulk-send"),
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
