package io.smsbridge.boot;

import io.smsbridge.edge.http.ErrorResponses;
import io.smsbridge.edge.api.PlatformApi;
import io.smsbridge.store.db.ColumnLimits;
import io.smsbridge.store.db.Database;
import io.smsbridge.edge.observe.DatabaseHealthCheck;
import io.smsbridge.core.directory.DirectoryException;
import io.smsbridge.store.directory.DirectoryParser;
import io.smsbridge.store.directory.DirectoryService;
import io.smsbridge.store.directory.DirectoryStore;
import io.smsbridge.edge.http.HookedVertx;
import io.smsbridge.edge.http.HttpErrors;
import io.smsbridge.flow.inbound.InboundService;
import io.smsbridge.flow.jobs.JobDispatch;
import io.smsbridge.store.JobStore;
import io.smsbridge.store.MessageStore;
import io.smsbridge.store.ReceiptStore;
import io.smsbridge.edge.observe.DatabaseMeters;
import io.smsbridge.carrier.Carrier;
import io.smsbridge.carrier.Carriers;
import io.smsbridge.flow.outbound.CarrierCalls;
import io.smsbridge.flow.outbound.CarrierSender;
import io.smsbridge.flow.outbound.OutboundService;
import io.smsbridge.flow.platform.PlatformDelivery;
import io.smsbridge.core.retry.CircuitBreakers;
import io.smsbridge.core.retry.RetryPolicies;
import io.smsbridge.flow.jobs.RetryRoutePolicy;
import io.smsbridge.store.ConversationStore;
import io.smsbridge.flow.status.StatusService;
import io.smsbridge.edge.webhook.EventLimits;
import io.smsbridge.edge.webhook.WebhookEndpoint;
import io.smsbridge.edge.webhook.SourceAddress;
import io.smsbridge.core.net.AddressRanges;
import io.vertx.core.Vertx;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.smsbridge.edge.console.ConsoleFiles;
import io.smsbridge.edge.observe.TrafficMeters;
import io.smsbridge.flow.outbound.SendThrottle;
import io.smsbridge.store.ThrottleStore;
import io.smsbridge.store.directory.ApiKeys;
import io.smsbridge.store.directory.DirectoryLimits;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import io.smsbridge.core.optout.Keywords;
import io.smsbridge.store.OptOutStore;
import io.smsbridge.store.BroadcastStore;
import io.smsbridge.flow.outbound.BroadcastService;
import io.smsbridge.flow.outbound.BulkSender;
import io.smsbridge.store.Housekeeping;
import io.smsbridge.store.InstanceStore;
import io.smsbridge.edge.observe.BusinessMeters;
import io.smsbridge.edge.observe.OutboxMeters;
import java.time.Instant;
import io.smsbridge.core.retry.OnUncertain;
import io.smsbridge.flow.outbound.UncertainSends;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * Wires the bridge: opens and migrates the database, loads the directory (an invalid one stops
 * start-up), and binds the beans the YAML routes call by name.
 */
public class BridgeConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent props = context.getPropertiesComponent();
        Settings settings = new Settings(props);
        Carriers carriers;
        try {
            carriers = Carriers.discover(settings);
            // a key the bridge does not read is a typo: refused before anything is opened
            Set<String> known = new TreeSet<>(SettingKeys.shipped());
            carriers.all().forEach(c -> known.addAll(c.settingKeys()));
            new SettingKeys(known, carriers.all().stream().map(Carrier::name).toList()).checkAll(props.getLocations(),
                    props instanceof org.apache.camel.component.properties.PropertiesComponent impl
                            ? impl.getOverrideProperties() : null);
            // every value of the bridge's own settings: its type and range
            SettingRules.checkAll(key -> props.resolveProperty(key).orElse(null));
        } catch (RuntimeException e) {
            throw StartFailures.report(e, e.getMessage());
        }
        RetryPolicies policies = new RetryPolicies(key -> props.resolveProperty(key).orElse(null));
        try {
            // every table a send or a post may need, read now: a bad value must not wait for the first send
            policies.get(RetryPolicies.DEFAULT);
            policies.get(PlatformDelivery.POLICY);
            carriers.all().forEach(c -> {
                policies.get(c.name());
                c.providers().forEach(spec -> policies.forProvider(spec.name()));
            });
        } catch (RuntimeException e) {
            throw StartFailures.report(e, e.getMessage());
        }
        checkPortFree(settings.require("camel.server.host"), settings.integer("camel.server.port"));
        Database db = Database.open(settings.require("db.url"), settings.string("db.user"),
                        settings.string("db.password"), settings.integer("db.pool-size"))
                .withGroupCommit(settings.integer("db.writers"), settings.integer("db.batch-max"));
        LOG.info("Database {}", Database.redact(settings.require("db.url")));
        db.migrate();
        JobStore jobs = new JobStore(db, settings.duration("jobs.lease"));
        Duration heartbeatTimeout = settings.duration("jobs.heartbeat-timeout");
        int heartbeat = settings.integer("jobs.heartbeat-interval");
        if (heartbeat <= 0 || heartbeatTimeout.toMillis() < 3L * heartbeat) {
            String what = "jobs.heartbeat-timeout = " + heartbeatTimeout + " with jobs.heartbeat-interval = "
                    + heartbeat + " ms: the timeout must be at least three heartbeats, or a busy bridge is taken"
                    + " for dead";
            throw StartFailures.report(new IllegalStateException(what), what);
        }
        InstanceStore instances = new InstanceStore(db, jobs, heartbeatTimeout);
        instances.register();
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                // the routes have stopped: what this instance still holds goes back to the outbox now
                instances.deregister();
                db.close();
            }
        }, true, true);

        LOG.info("Carriers: {}", carriers.names());
        DirectoryStore directoryStore = new DirectoryStore(db);
        Keywords keywords;
        try {
            keywords = Keywords.of(Map.of("stop-words", settings.string("optout.stop-words"),
                    "start-words", settings.string("optout.start-words"),
                    "help-words", settings.string("optout.help-words"),
                    "stop-reply", settings.string("optout.stop-reply"),
                    "start-reply", settings.string("optout.start-reply"),
                    "help-reply", settings.string("optout.help-reply")));
        } catch (IllegalArgumentException e) {
            throw StartFailures.report(e, "optout.*: " + e.getMessage());
        }
        OptOutStore optOuts = new OptOutStore();
        DirectoryService directory;
        try {
            directory = new DirectoryService(DirectoryService.Source.of(settings.require("directory.source")),
                    Path.of(settings.require("directory.file")),
                    new DirectoryParser(DemoDefaults.guard(context::resolvePropertyPlaceholders,
                            Boolean.parseBoolean(settings.require("demo")), System::getenv), carriers),
                    new DirectoryParser(UnaryOperator.identity(), carriers), directoryStore)
                    .withLimits(new DirectoryLimits(ColumnLimits.read(db), keywords));
            directory.load();
        } catch (DirectoryException e) {
            throw StartFailures.report(e, e.getMessage());
        }

        ConversationStore conversations = new ConversationStore(db);
        MessageStore messages = new MessageStore(db.isPostgres());
        ReceiptStore receipts = new ReceiptStore(db.isPostgres());
        BusinessMeters meters = new BusinessMeters();
        StatusService status = new StatusService(db, directory, messages, receipts, jobs, policies, meters);

        Registry r = context.getRegistry();
        r.bind("database", db);
        r.bind("jobStore", jobs);
        r.bind("instances", instances);
        r.bind("housekeeping", new Housekeeping(db, settings.duration("retention.messages"),
                settings.duration("retention.parked-reports"), settings.integer("retention.batch"),
                settings.integer("retention.max-batches")));
        r.bind("dataSource", db.dataSource());
        r.bind("directory", directory);
        // the edges hold every field to the sizes of the columns it is stored in
        ColumnLimits columns = ColumnLimits.read(db);
        SourceAddress sources;
        try {
            sources = new SourceAddress(Boolean.parseBoolean(settings.require("webhooks.trust-forwarded-for")),
                    AddressRanges.parse(settings.string("webhooks.trusted-proxies")));
        } catch (IllegalArgumentException e) {
            throw StartFailures.report(e, e.getMessage());
        }
        r.bind("webhookEndpoint", new WebhookEndpoint(directory, new EventLimits(columns), carriers, sources));
        ApiKeys apiKeys = new ApiKeys(db);
        r.bind("apiKeys", apiKeys);
        r.bind("platformApi", new PlatformApi(directory, PlatformApi.Limits.of(columns), apiKeys));
        r.bind("errorResponses", new ErrorResponses());
        r.bind("inboundService", new InboundService(db, directory, conversations, messages, receipts, jobs,
                optOuts, keywords, meters));
        r.bind("statusService", status);
        CircuitBreakers circuits = new CircuitBreakers(settings.integer("circuit.failure-threshold"),
                settings.duration("circuit.open-for"), settings.duration("circuit.max-open-for"));
        OutboundService outbound = new OutboundService(db, directory, conversations, messages, jobs, carriers,
                circuits::holding, optOuts, meters);
        r.bind("outboundService", outbound);
        BroadcastStore broadcasts = new BroadcastStore();
        r.bind("broadcastService", new BroadcastService(db, outbound, conversations, messages, jobs, optOuts,
                broadcasts, carriers, circuits::holding, meters));
        SendThrottle throttle = new SendThrottle(db, new ThrottleStore(db), jobs);
        OnUncertain onUncertain;
        try {
            onUncertain = OnUncertain.parse(settings.require("sender.on-uncertain"));
        } catch (IllegalArgumentException e) {
            throw StartFailures.report(e, "sender.on-uncertain = " + e.getMessage());
        }
        r.bind("carrierSender", new CarrierSender(db, directory, messages, jobs, status, policies, circuits, throttle,
                new UncertainSends(onUncertain, carriers::spec), meters));
        r.bind("carrierCalls", new CarrierCalls(carriers));
        r.bind("bulkSender", new BulkSender(db, directory, broadcasts, messages, jobs, status, policies, circuits,
                throttle, carriers, meters));
        r.bind("jobDispatch", new JobDispatch(jobs, circuits));
        r.bind("platformDelivery", new PlatformDelivery(db, directory, messages, jobs, policies, meters));
        r.bind("adminApi", AdminWiring.adminApi(settings, db, directory, directoryStore, apiKeys, messages, jobs,
                circuits));
        r.bind("consoleFiles", new ConsoleFiles());

        // the route policies that name the retry table judging a route's outcomes (retry.<table>.*):
        // retry-carrier (each message by its provider's table), retry-platform, and one per carrier
        r.bind(RetryRoutePolicy.beanName(RetryRoutePolicy.CARRIER), new RetryRoutePolicy(RetryRoutePolicy.CARRIER,
                policies));
        r.bind(RetryRoutePolicy.beanName(PlatformDelivery.POLICY), new RetryRoutePolicy(PlatformDelivery.POLICY,
                policies));
        carriers.all().forEach(c -> r.bind(RetryRoutePolicy.beanName(c.name()), new RetryRoutePolicy(c.name(),
                policies)));

        OutboxMeters outbox = new OutboxMeters(jobs, directory, circuits, Instant::now);
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new DatabaseHealthCheck(db));
        }
        // what the HTTP server refuses before a route runs is answered in the routes' JSON error body;
        // Camel builds its HTTP server from the Vert.x instance in the registry
        HttpErrors httpErrors = new HttpErrors(Long.parseLong(settings.require("camel.server.max-body-size")));
        Vertx vertx = HookedVertx.wrap(Vertx.vertx(), httpErrors::prepare);
        r.bind("vertx", vertx);
        // closed once everything has stopped: the HTTP server is stopped after the bridge's own services
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext stopped) {
                vertx.close().toCompletionStage().toCompletableFuture().join();
            }
        });
        context.addStartupListener((started, alreadyStarted) -> httpErrors.install(started));
        // camel-main (and Camel JBang, later) binds its Micrometer registry while starting, when metrics are on
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                Object registry = started.getRegistry().lookupByName("metricsRegistry");
                if (registry != null) {
                    DatabaseMeters.bindIfRegistry(registry, db.stats());
                    TrafficMeters.bindIfRegistry(registry, throttle);
                    meters.bindIfRegistry(registry);
                    outbox.bindIfRegistry(registry);
                }
            }
        });
    }

    /**
     * Vert.x only logs a warning when its port is taken, and the bridge would run without HTTP:
     * refuse to start instead (another instance on the same port, a leftover process).
     */
    static void checkPortFree(String host, int port) {
        if (port <= 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(host, port));
        } catch (java.io.IOException e) {
            String what = "port " + port + " on " + host + " is in use — stop the other process or set"
                    + " camel.server.port (CAMEL_SERVER_PORT)";
            throw StartFailures.report(new IllegalStateException(what, e), what);
        }
    }

}
