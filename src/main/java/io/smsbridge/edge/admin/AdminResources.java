package io.smsbridge.edge.admin;

import io.smsbridge.core.retry.CircuitBreakers;
import io.smsbridge.flow.outbound.ManualRetry;
import io.smsbridge.store.admin.AdminUsers;
import io.smsbridge.store.admin.AuditLog;
import io.smsbridge.store.admin.MessageSearch;
import io.smsbridge.store.admin.StickySessions;
import io.smsbridge.store.admin.TrafficStats;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.directory.ApiKeys;
import io.smsbridge.store.directory.DirectoryEditor;
import io.smsbridge.store.directory.DirectoryService;

/** Builds the admin API's resource groups. */
public final class AdminResources {

    private AdminResources() {
    }

    public static AdminApi.Resources of(Database db, DirectoryService directory, DirectoryEditor editor, ApiKeys keys,
            AuditLog audit, CircuitBreakers circuits, ManualRetry retry) {
        return new AdminApi.Resources(
                new DirectoryResources(directory, editor, new IntegrationStatus(circuits, db)),
                new AccessResources(db, directory, editor, keys, new AdminUsers(db), audit),
                new TrafficResources(db, directory, new MessageSearch(), new StickySessions(), new TrafficStats(), audit,
                        retry, new io.smsbridge.store.OptOutStore()));
    }
}
