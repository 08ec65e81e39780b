package io.smsbridge.boot;

import io.smsbridge.core.retry.CircuitBreakers;
import io.smsbridge.edge.admin.AdminApi;
import io.smsbridge.edge.admin.AdminAuth;
import io.smsbridge.edge.admin.AdminResources;
import io.smsbridge.edge.admin.LoginThrottle;
import io.smsbridge.flow.outbound.ManualRetry;
import io.smsbridge.store.JobStore;
import io.smsbridge.store.MessageStore;
import io.smsbridge.store.admin.AdminUsers;
import io.smsbridge.store.admin.AuditLog;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.directory.ApiKeys;
import io.smsbridge.store.directory.DirectoryEditor;
import io.smsbridge.store.directory.DirectoryService;
import io.smsbridge.store.directory.DirectoryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the admin API from the admin.* settings. */
final class AdminWiring {

    private static final Logger LOG = LoggerFactory.getLogger(AdminWiring.class);

    private AdminWiring() {
    }

    static AdminApi adminApi(Settings settings, Database db, DirectoryService directory, DirectoryStore store,
            ApiKeys keys, MessageStore messages, JobStore jobs, CircuitBreakers circuits) {
        boolean demo = Boolean.parseBoolean(settings.require("admin.demo"));
        String operatorPassword = settings.string("admin.operator-password");
        AdminAuth auth;
        try {
            auth = new AdminAuth(new AdminUsers(db), operatorPassword, demo, settings.duration("admin.session-ttl"),
                    new LoginThrottle(settings.integer("admin.login-attempts"), settings.duration("admin.login-window")));
        } catch (IllegalArgumentException e) {
            throw StartFailures.report(e, e.getMessage());
        }
        if (demo) {
            LOG.warn("Demo mode (admin.demo=true): the console at /console takes operator / {}; never run a bridge"
                    + " that carries real traffic in demo mode", AdminAuth.DEMO_PASSWORD);
        } else if (operatorPassword == null || operatorPassword.isBlank()) {
            LOG.info("No admin.operator-password set: the operator cannot sign in to the admin API or the console");
        }
        AuditLog audit = new AuditLog();
        DirectoryEditor editor = new DirectoryEditor(directory, store, audit);
        return new AdminApi(auth, AdminResources.of(db, directory, editor, keys, audit, circuits,
                new ManualRetry(db, messages, jobs, audit)));
    }
}
