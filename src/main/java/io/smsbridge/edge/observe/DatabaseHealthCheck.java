package io.smsbridge.edge.observe;

import io.smsbridge.store.db.Database;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/**
 * Readiness includes the database: without it nothing can be accepted. Liveness does not: restarting
 * the bridge would not bring the database back, and it is ready again by itself once it answers.
 */
public final class DatabaseHealthCheck extends AbstractHealthCheck {

    private final Database db;

    public DatabaseHealthCheck(Database db) {
        super("sms-bridge", "database");
        this.db = db;
    }

    @Override
    public boolean isLiveness() {
        return false;
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
