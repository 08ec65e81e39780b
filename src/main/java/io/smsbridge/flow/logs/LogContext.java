package io.smsbridge.flow.logs;

import org.slf4j.MDC;

/**
 * What a log line is about, in the logging context (MDC): the message, its integration and its
 * organization. The text layout prints them after the logger, the JSON layout as fields, so every
 * line the bridge or Camel writes while a message is worked on can be found by the message's id.
 * Set by the step that takes the work, cleared by the next one on the same thread.
 */
public final class LogContext {

    public static final String MESSAGE = "message.id";
    public static final String BROADCAST = "broadcast.id";
    public static final String INTEGRATION = "integration";
    public static final String ORGANIZATION = "organization";

    private LogContext() {
    }

    /** The message now worked on (any argument may be null: then it is left out). */
    public static void message(String messageId, String integrationId, String organizationId) {
        put(MESSAGE, messageId);
        put(INTEGRATION, integrationId);
        put(ORGANIZATION, organizationId);
    }

    /** A broadcast's bulk send. */
    public static void broadcast(String broadcastId, String integrationId, String organizationId) {
        put(BROADCAST, broadcastId);
        put(INTEGRATION, integrationId);
        put(ORGANIZATION, organizationId);
    }

    /** A request or job about an integration, before any message is known. */
    public static void integration(String integrationId) {
        clear();
        put(INTEGRATION, integrationId);
    }

    public static void clear() {
        MDC.remove(MESSAGE);
        MDC.remove(BROADCAST);
        MDC.remove(INTEGRATION);
        MDC.remove(ORGANIZATION);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
