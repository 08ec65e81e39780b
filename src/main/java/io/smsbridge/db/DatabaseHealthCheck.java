package io.smsbridge.db;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/** Readiness and liveness include the database: without it nothing can be accepted. */
public final class DatabaseHealthCheck extends AbstractHealthCheck {

    private final Database db;

    public DatabaseHealthCheck(Database db) {
        super("sms-bridge", "database");
        this.db = db;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (db.isReachable()) {
            builder.up();
        } else {
            builder.message("database unreachable").down();
        }
    }
}
