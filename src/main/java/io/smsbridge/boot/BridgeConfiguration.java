package io.smsbridge.boot;

import io.smsbridge.edge.api.ErrorResponses;
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
import io.smsbridge.flow.outbound.CarrierSender;
import io.smsbridge.flow.outbound.OutboundService;
import io.smsbridge.flow.platform.PlatformDelivery;
import io.smsbridge.carrier.Providers;
import io.smsbridge.carriers.didww.DidwwApi;
import io.smsbridge.carriers.template.ProviderTemplates;
import io.smsbridge.carriers.template.TemplateApi;
import io.smsbridge.carriers.template.TemplateException;
import io.smsbridge.carriers.template.TemplateWebhook;
import io.smsbridge.carriers.thinq.ThinqApi;
import io.smsbridge.core.retry.CircuitBreakers;
import io.smsbridge.core.retry.RetryPolicies;
import io.smsbridge.flow.jobs.RetryRoutePolicy;
import io.smsbridge.store.ConversationStore;
import io.smsbridge.core.time.Durations;
import io.smsbridge.flow.status.StatusService;
import io.smsbridge.edge.webhook.EventLimits;
import io.smsbridge.edge.webhook.WebhookEndpoint;
import io.vertx.core.Vertx;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Wires the bridge: opens and migrates the database, loads the directory (an invalid one stops
 * start-up), and binds the beans the YAML routes call by name.
 */
public class BridgeConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent props = context.getPropertiesComponent();
        checkPortFree(props.resolveProperty("camel.server.host").orElse("0.0.0.0"),
                Integer.parseInt(props.resolveProperty("camel.server.port").orElse("8080")));
        Database db = Database.open(props.resolveProperty("db.url").orElseThrow(() -> missing("db.url")),
                props.resolveProperty("db.user").orElse(""), props.resolveProperty("db.password").orElse(""),
                Integer.parseInt(props.resolveProperty("db.pool-size").orElse("16")))
                .withGroupCommit(Integer.parseInt(props.resolveProperty("db.writers").orElse("1")),
                        Integer.parseInt(props.resolveProperty("db.batch-max").orElse("100")));
        LOG.info("Database {}", Database.redact(props.resolveProperty("db.url").orElse("")));
        db.migrate();
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                db.close();
            }
        }, true, true);

        Providers providers;
        try {
            providers = new Providers(ProviderTemplates.load(
                    Path.of(props.resolveProperty("providers.dir").orElse("providers"))));
        } catch (TemplateException e) {
            LOG.error("Cannot start: {}", e.getMessage());
            throw e;
        }
        DirectoryService directory = new DirectoryService(
                Path.of(props.resolveProperty("directory.file").orElse("config/directory.yaml")),
                new DirectoryParser(context::resolvePropertyPlaceholders, providers), new DirectoryStore(db));
        try {
            directory.load();
        } catch (DirectoryException e) {
            LOG.error("Cannot start: {}", e.getMessage());
            throw e;
        }

        JobStore jobs = new JobStore(db, Durations.parse(props.resolveProperty("jobs.lease").orElse("60s")));
        ConversationStore conversations = new ConversationStore(db);
        MessageStore messages = new MessageStore(db.isPostgres());
        ReceiptStore receipts = new ReceiptStore(db.isPostgres());
        RetryPolicies policies = new RetryPolicies(key -> props.resolveProperty(key).orElse(null));
        StatusService status = new StatusService(db, directory, messages, receipts, jobs, policies);

        Registry r = context.getRegistry();
        r.bind("database", db);
        r.bind("jobStore", jobs);
        r.bind("dataSource", db.dataSource());
        r.bind("directory", directory);
        // the edges hold every field to the sizes of the columns it is stored in
        ColumnLimits columns = ColumnLimits.read(db);
        r.bind("webhookEndpoint", new WebhookEndpoint(directory, new EventLimits(columns)));
        r.bind("platformApi", new PlatformApi(directory, PlatformApi.Limits.of(columns)));
        r.bind("errorResponses", new ErrorResponses());
        r.bind("inboundService", new InboundService(db, directory, conversations, messages, receipts, jobs));
        r.bind("outboundService", new OutboundService(db, directory, conversations, messages, jobs, providers));
        r.bind("statusService", status);
        CircuitBreakers circuits = new CircuitBreakers(
                Integer.parseInt(props.resolveProperty("circuit.failure-threshold").orElse("5")),
                Durations.parse(props.resolveProperty("circuit.open-for").orElse("10s")),
                Durations.parse(props.resolveProperty("circuit.max-open-for").orElse("2m")));
        r.bind("carrierSender", new CarrierSender(db, directory, messages, jobs, status, policies, circuits));
        r.bind("jobDispatch", new JobDispatch(jobs, circuits));
        r.bind("platformDelivery", new PlatformDelivery(db, directory, messages, jobs, policies));
        r.bind("didwwApi", new DidwwApi(props.resolveProperty("didww.base-url").orElse("https://sms-out.didww.com")));
        r.bind("thinqApi", new ThinqApi(props.resolveProperty("thinq.base-url").orElse("https://api.thinq.com")));
        r.bind("templateApi", new TemplateApi(providers));
        r.bind("templateWebhook", new TemplateWebhook(providers));

        // one route policy bean per retry table (retry.<name>.*): routes name the table that judges them
        props.loadProperties(k -> k.startsWith("retry.") && k.indexOf('.', "retry.".length()) > 0)
                .stringPropertyNames().stream()
                .map(k -> k.substring("retry.".length(), k.indexOf('.', "retry.".length())))
                .distinct()
                .forEach(name -> r.bind(RetryRoutePolicy.beanName(name), new RetryRoutePolicy(name, policies)));

        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new DatabaseHealthCheck(db));
        }
        // what the HTTP server refuses before a route runs is answered in the routes' JSON error body;
        // Camel builds its HTTP server from the Vert.x instance in the registry
        HttpErrors httpErrors = new HttpErrors(Long.parseLong(props.resolveProperty("camel.server.max-body-size")
                .orElseThrow(() -> missing("camel.server.max-body-size"))));
        Vertx vertx = HookedVertx.wrap(Vertx.vertx(), httpErrors::prepare);
        r.bind("vertx", vertx);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                vertx.close().toCompletionStage().toCompletableFuture().join();
            }
        }, true, true);
        context.addStartupListener((started, alreadyStarted) -> httpErrors.install(started));
        // camel-main binds its Micrometer registry while starting, when metrics are on
        context.addStartupListener((started, alreadyStarted) -> {
            Object meters = started.getRegistry().lookupByName("metricsRegistry");
            if (meters != null) {
                DatabaseMeters.bindIfRegistry(meters, db.stats());
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
            LOG.error("Cannot start: port {} on {} is in use ({})", port, host, e.getMessage());
            throw new IllegalStateException("port " + port + " on " + host + " is in use: stop the other process"
                    + " or set camel.server.port (CAMEL_SERVER_PORT)", e);
        }
    }

    private static IllegalStateException missing(String key) {
        return new IllegalStateException("setting " + key + " is missing from application.properties");
    }
}
