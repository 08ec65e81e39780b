package io.smsbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.FileReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/kubernetes, read as Kubernetes would and checked against the application: probes on the
 * paths and ports the bridge serves, every variable a setting or a directory secret, every secret
 * reference in the Secret, selectors that match, a grace period above the shutdown timeout. Then the
 * manifests' directory and settings start a real bridge, and its probes answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesManifestsTest {

    static final Path DIR = Path.of("deploy/kubernetes");
    final Map<String, List<JsonNode>> byKind = new HashMap<>();
    JsonNode deployment;
    JsonNode container;
    Properties settings;

    @BeforeAll
    void read() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode kustomization = yaml.readTree(DIR.resolve("kustomization.yaml").toFile());
        for (JsonNode file : kustomization.path("resources")) {
            Path p = DIR.resolve(file.asText());
            assertThat(p).as("kustomization resource").exists();
            try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(p.toFile())) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    assertThat(doc.path("apiVersion").asText()).as(p + " apiVersion").isNotEmpty();
                    assertThat(doc.at("/metadata/name").asText()).as(p + " name").isNotEmpty();
                    byKind.computeIfAbsent(doc.path("kind").asText(), k -> new ArrayList<>()).add(doc);
                }
            }
        }
        assertThat(byKind).containsKeys("Deployment", "ConfigMap", "Secret", "PodDisruptionBudget", "Service");
        deployment = byKind.get("Deployment").get(0);
        container = deployment.at("/spec/template/spec/containers/0");
        settings = new Properties();
        try (FileReader r = new FileReader("application.properties")) {
            settings.load(r);
        }
    }

    Map<String, String> env() {
        Map<String, String> out = new HashMap<>();
        container.path("env").forEach(e -> out.put(e.path("name").asText(), e.path("value").asText(null)));
        return out;
    }

    int containerPort(JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + port.asText());
    }

    String directory() {
        return byKind.get("ConfigMap").stream().filter(c -> c.at("/metadata/name").asText()
                .equals("sms-bridge-directory")).findFirst().orElseThrow().at("/data/directory.yaml").asText();
    }

    Map<String, String> secret() {
        Map<String, String> out = new HashMap<>();
        byKind.get("Secret").get(0).path("stringData").fields().forEachRemaining(e -> out.put(e.getKey(),
                e.getValue().asText()));
        return out;
    }

    @Test
    void theProbesAskTheHealthPathsOnTheManagementPort() {
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/observe/health/ready");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/observe/health/live");
        int management = Integer.parseInt(env().get("MANAGEMENT_PORT"));
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertThat(containerPort(container.at("/" + probe + "/httpGet/port"))).as(probe).isEqualTo(management);
        }
        assertThat(containerPort(new com.fasterxml.jackson.databind.node.TextNode("http")))
                .isEqualTo(Integer.parseInt(env().get("CAMEL_SERVER_PORT")));
        assertThat(deployment.at("/spec/template/metadata/annotations/prometheus.io~1port").asText())
                .isEqualTo(String.valueOf(management));
    }

    @Test
    void everyVariableIsASettingOrASecretOfTheDirectory() {
        Set<String> settingVariables = new HashSet<>();
        settings.stringPropertyNames().forEach(k -> settingVariables.add(k.toUpperCase(Locale.ROOT).replace('.', '_')
                .replace('-', '_')));
        Set<String> directoryVariables = new HashSet<>();
        Matcher m = Pattern.compile("\\{\\{env:([A-Z0-9_]+)").matcher(directory());
        while (m.find()) {
            directoryVariables.add(m.group(1));
        }
        assertThat(directoryVariables).isNotEmpty();
        assertThat(env().keySet()).as("every directory secret is given").containsAll(directoryVariables);
        for (String name : env().keySet()) {
            assertThat(settingVariables.contains(name) || directoryVariables.contains(name))
                    .as(name + " sets a key of application.properties or a {{env:…}} of the directory").isTrue();
        }
        Map<String, String> secret = secret();
        container.path("env").forEach(e -> {
            JsonNode ref = e.at("/valueFrom/secretKeyRef");
            if (!ref.isMissingNode()) {
                assertThat(ref.path("name").asText()).isEqualTo(byKind.get("Secret").get(0).at("/metadata/name").asText());
                assertThat(secret).as("Secret key of " + e.path("name").asText()).containsKey(ref.path("key").asText());
            }
        });
    }

    @Test
    void selectorsGraceAndTheDatabaseServiceFit() {
        JsonNode labels = deployment.at("/spec/template/metadata/labels");
        assertThat(deployment.at("/spec/selector/matchLabels")).isEqualTo(labels);
        assertThat(byKind.get("PodDisruptionBudget").get(0).at("/spec/selector/matchLabels")).isEqualTo(labels);
        JsonNode service = byKind.get("Service").stream().filter(s -> !s.at("/spec/type").asText().equals("ExternalName"))
                .findFirst().orElseThrow();
        service.at("/spec/selector").fields().forEachRemaining(e ->
                assertThat(labels.path(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
        assertThat(deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asInt())
                .as("above camel.main.shutdown-timeout")
                .isGreaterThan(Integer.parseInt(settings.getProperty("camel.main.shutdown-timeout").trim()));
        JsonNode db = byKind.get("Service").stream().filter(s -> s.at("/spec/type").asText().equals("ExternalName"))
                .findFirst().orElseThrow();
        assertThat(env().get("DB_URL")).startsWith("jdbc:postgresql://" + db.at("/metadata/name").asText() + ":"
                + db.at("/spec/ports/0/port").asInt() + "/");
        assertThat(deployment.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
    }

    @Test
    void theManifestsDirectoryAndSettingsStartABridgeWhoseProbesAnswer() throws Exception {
        // what the container's environment gives {{env:NAME}}: the Secret's values
        String yaml = directory();
        for (Map.Entry<String, String> e : secret().entrySet()) {
            yaml = yaml.replace("{{env:" + e.getKey() + "}}", e.getValue());
        }
        int management = AvailablePortFinder.getNextAvailable();
        try (TestBridge bridge = TestBridge.start(yaml, Map.of("management.port", String.valueOf(management),
                "camel.management.port", "{{management.port}}", "log.format", env().get("LOG_FORMAT")))) {
            HttpClient http = HttpClient.newHttpClient();
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                String path = container.at("/" + probe + "/httpGet/path").asText();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management
                        + path)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(probe + " " + path).isEqualTo(200);
            }
            assertThat(bridge.get("/api/v1/messages", "Authorization", "Bearer " + secret().get("ACME_API_KEY"))
                    .status()).isEqualTo(200);
            assertThat(Files.exists(bridge.workDir())).isTrue();
        }
    }
}
