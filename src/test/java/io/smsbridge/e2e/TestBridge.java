package io.smsbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.smsbridge.boot.Application;
import io.smsbridge.store.db.Database;
import io.smsbridge.core.message.MessageStatus;
import io.smsbridge.store.ReceiptStore;
import io.smsbridge.core.message.StatusReport;
import org.apache.camel.main.Main;
import org.apache.camel.test.AvailablePortFinder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The real bridge (Application, routes/ from the file system, root application.properties) on a
 * free loopback port, with an H2 file database under target/, a directory file written by the test,
 * and WireMock on loopback standing in for the carriers' APIs and the platform webhook.
 */
public final class TestBridge implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public final WireMockServer mock;
    public final int port;
    private Main main;
    private final Path work;
    private final Map<String, String> props;
    private final boolean owner;

    private TestBridge(WireMockServer mock, int port, Main main, Path work, Map<String, String> props,
            boolean owner) {
        this.mock = mock;
        this.port = port;
        this.main = main;
        this.work = work;
        this.props = props;
        this.owner = owner;
    }

    /** A second instance on the same database, directory and WireMock (its own port). */
    public TestBridge sibling() throws Exception {
        Map<String, String> p = new HashMap<>(props);
        int siblingPort = AvailablePortFinder.getNextAvailable();
        p.put("camel.server.port", String.valueOf(siblingPort));
        p.put("camel.management.port", String.valueOf(siblingPort));
        Main m = Application.create(p);
        m.start();
        return new TestBridge(mock, siblingPort, m, work, p, false);
    }

    /** {@code directoryYaml} may use {@code ${mock}} for WireMock's base URL. */
    public static TestBridge start(String directoryYaml, Map<String, String> properties) throws Exception {
        WireMockServer mock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(20).globalTemplating(false));
        mock.start();
        Path work = Files.createDirectories(Path.of("target", "e2e", UUID.randomUUID().toString()));
        Path directory = work.resolve("directory.yaml");
        Files.writeString(directory, directoryYaml.replace("${mock}", mock.baseUrl()));
        // a test that must know the port before the start (another bridge calls it) gives it
        int port = properties.containsKey("camel.server.port") ? Integer.parseInt(properties.get("camel.server.port"))
                : AvailablePortFinder.getNextAvailable();
        Map<String, String> props = new HashMap<>();
        props.put("camel.server.host", "127.0.0.1");
        props.put("camel.server.port", String.valueOf(port));
        props.put("camel.management.port", String.valueOf(port));
        props.putAll(TestDatabases.create(work));
        props.put("directory.file", directory.toString());
        props.put("directory.reload-interval", "500");
        props.put("jobs.poll-interval", "200");
        props.put("retry.platform.backoff", "100ms");
        props.put("retry.platform.max-backoff", "500ms");
        props.put("retry.didww.backoff", "100ms");
        props.put("retry.didww.max-backoff", "500ms");
        props.putAll(properties);
        Main main = Application.create(props);
        try {
            main.start();
        } catch (Exception | Error e) {
            mock.stop();
            main.stop();
            TestDatabases.drop(props);
            throw e;
        }
        return new TestBridge(mock, port, main, work, props, true);
    }

    /** Stops the bridge and starts a new one on the same port, database and directory. */
    public void restart() throws Exception {
        main.stop();
        main = Application.create(props);
        main.start();
    }

    /** Stops the bridge only (WireMock and the database stay), e.g. to change stubs while it is down. */
    public void stopBridge() {
        main.stop();
    }

    /** Starts a stopped bridge again. */
    public void startBridge() throws Exception {
        main = Application.create(props);
        main.start();
    }

    /** A JDBC connection of its own to the bridge's database (also while the bridge is stopped). */
    public java.sql.Connection connect() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(props.get("db.url"), props.get("db.user"),
                props.getOrDefault("db.password", ""));
    }

    public Path workDir() {
        return work;
    }

    public Database database() {
        return bean("database", Database.class);
    }

    /**
     * Parks a "sent" report for the message with this carrier id, as a report that overtook the
     * carrier's answer leaves it when nobody looks for it afterwards.
     */
    public void parkSentReport(String integrationId, String carrierId) {
        StatusReport report = new StatusReport(carrierId, carrierId + "|Success", MessageStatus.SENT, true, null, null);
        Database db = database();
        db.inTransaction(c -> new ReceiptStore(db.isPostgres()).park(c, integrationId, report.dedupeKey(), carrierId,
                JSON.writeValueAsString(report), java.time.Instant.now()));
    }

    /** Whether reports still wait for this carrier id. */
    public boolean hasParked(String integrationId, String carrierId) {
        Database db = database();
        return db.withConnection(c -> new ReceiptStore(db.isPostgres()).hasParked(c, integrationId, carrierId));
    }

    /** A bean of the running bridge, for tests that drive one step of it directly. */
    public <T> T bean(String name, Class<T> type) {
        return main.getCamelContext().getRegistry().lookupByNameAndType(name, type);
    }

    public org.apache.camel.CamelContext context() {
        return main.getCamelContext();
    }

    public Response get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    public Response post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b, headers);
    }

    /** Any method with a body of raw bytes (for bodies that are not valid text). */
    public Response request(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b, headers);
    }

    /**
     * A request written byte for byte on a socket (for what HTTP clients refuse to send: bad
     * escapes, no Host header, broken chunks); the answer's status and body, status 0 when the
     * server closed the connection without one.
     */
    public Response raw(String request) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (answer.isEmpty()) {
                return new Response(0, "");
            }
            int status = Integer.parseInt(answer.substring(9, 12));
            int bodyAt = answer.indexOf("\r\n\r\n");
            return new Response(status, bodyAt < 0 ? "" : answer.substring(bodyAt + 4));
        } catch (IOException e) {
            return new Response(0, "");
        }
    }

    /** How many requests WireMock (the carriers and the platform) has been sent. */
    public int mockRequests() {
        return mock.getAllServeEvents().size();
    }

    public Response postJson(String path, String json, String... headers) {
        return post(path, "application/json", json, headers);
    }

    /** Bodies of the platform webhook posts received so far, oldest first. */
    public List<JsonNode> platformPosts(String path) {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : mock.findAll(postRequestedFor(urlEqualTo(path)))) {
            try {
                out.add(JSON.readTree(r.getBodyAsString()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Events the platform webhook of organization acme got from a contact (inbound messages). */
    public List<JsonNode> eventsFrom(String contact) {
        return platformPosts("/platform/acme").stream()
                .filter(e -> contact.equals(e.at("/params/from").asText())).toList();
    }

    /** Status events (delivered / failed) the platform webhook of acme got about a message. */
    public List<JsonNode> eventsAbout(String messageId) {
        return platformPosts("/platform/acme").stream()
                .filter(e -> messageId.equals(e.at("/params/messageid").asText())).toList();
    }

    /** A message of acme as the platform API shows it. */
    public JsonNode message(String id) {
        Response r = get("/api/v1/messages/" + id, "Authorization", "Bearer " + Fixtures.API_KEY);
        if (r.status() != 200) {
            throw new AssertionError("GET /api/v1/messages/" + id + " answered " + r.status() + ": " + r.body());
        }
        return r.json().get("data");
    }

    /** The carrier's id of a message, once the carrier has accepted it. */
    public String carrierId(String messageId) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> !message(messageId).get("provider_message_id").isNull());
        return message(messageId).get("provider_message_id").asText();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Response send(HttpRequest.Builder b, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            main.stop();
        } finally {
            if (owner) {
                mock.stop();
                TestDatabases.drop(props);
            }
        }
    }

    /** An HTTP answer with its JSON body. */
    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }
}
