package io.smsbridge.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * deploy/Dockerfile's steps without a base image (this machine cannot pull one): its COPY lines
 * build the image's directory under target/, its RUN steps run there (the class-data archive is
 * made), and its ENTRYPOINT starts the bridge from that directory until the HEALTHCHECK's URL answers
 * 200, then stops on its STOPSIGNAL. Not covered: the base image, the user it adds, and the
 * HEALTHCHECK's wget, which are the base image's.
 */
class DockerfileIT {

    static final Path DOCKERFILE = Path.of("deploy/Dockerfile");
    Process bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.destroyForcibly();
        }
    }

    @Test
    void theImagesStepsBuildADirectoryWhoseEntrypointStartsTheBridge() throws Exception {
        List<String> lines = logicalLines(Files.readString(DOCKERFILE));
        Path root = Path.of("target", "docker-image").toAbsolutePath();
        deleteTree(root);
        String workdir = null;
        List<String> entrypoint = null;
        String health = null;
        int exposed = 0;
        for (String line : lines) {
            String[] op = line.split("\\s+", 2);
            switch (op[0]) {
                case "WORKDIR" -> {
                    workdir = op[1].trim();
                    Files.createDirectories(root.resolve(workdir.substring(1)));
                }
                case "COPY" -> {
                    String[] args = op[1].trim().split("\\s+");
                    Path src = Path.of(args[0]);
                    assertThat(src).as("COPY source " + args[0] + " (build the jar first)").exists();
                    Path dest = root.resolve(workdir.substring(1)).resolve(args[1]);
                    copy(src, args[1].endsWith("/") && !Files.isDirectory(src) ? dest.resolve(src.getFileName())
                            : args[1].equals("./") ? dest.resolve(src.getFileName()) : dest);
                }
                case "RUN" -> {
                    String cmd = op[1].trim();
                    if (cmd.startsWith("useradd") || cmd.contains("chown")) {
                        // the base image's user: not here (the directory step of the same RUN is)
                        cmd = cmd.replaceAll("&&\\s*chown.*$", "").replaceAll("^useradd.*$", "true");
                    }
                    Path dir = Files.createDirectories(workdir == null ? root : root.resolve(workdir.substring(1)));
                    Process p = new ProcessBuilder("bash", "-c", cmd).directory(dir.toFile()).redirectErrorStream(true)
                            .start();
                    String out = new String(p.getInputStream().readAllBytes());
                    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                    assertThat(p.exitValue()).as("RUN " + cmd + ":\n" + out).isZero();
                }
                case "EXPOSE" -> exposed = Integer.parseInt(op[1].trim());
                case "HEALTHCHECK" -> {
                    Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)(/\\S+)").matcher(op[1]);
                    assertThat(m.find()).as(line).isTrue();
                    assertThat(Integer.parseInt(m.group(1))).as("HEALTHCHECK port is EXPOSE").isEqualTo(exposed);
                    health = m.group(2);
                }
                case "ENTRYPOINT" -> entrypoint = List.of(new ObjectMapper().readValue(op[1].trim(), String[].class));
                default -> {
                }
            }
        }
        Path app = root.resolve(workdir.substring(1));
        assertThat(app.resolve("sms-bridge.jsa")).as("the class-data archive RUN made").exists();
        assertThat(app.resolve("data")).isDirectory();
        assertThat(health).isEqualTo("/observe/health/ready");
        assertThat(exposed).isEqualTo(8080);

        // the image's start, on a spare port (the container's 8080 is its own)
        int port = AvailablePortFinder.getNextAvailable();
        List<String> command = new ArrayList<>(entrypoint);
        command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder pb = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(app.resolve("bridge.log").toFile());
        pb.environment().putAll(Map.of("CAMEL_SERVER_PORT", String.valueOf(port), "CAMEL_SERVER_HOST", "127.0.0.1",
                "DEMO", "true"));
        bridge = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        String url = "http://127.0.0.1:" + port + health;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(bridge.isAlive()).as("the bridge runs; its log: " + app.resolve("bridge.log")).isTrue();
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        assertThat(lines).contains("STOPSIGNAL SIGTERM");
        bridge.destroy(); // SIGTERM
        assertThat(bridge.waitFor(20, TimeUnit.SECONDS)).as("stopped by SIGTERM").isTrue();
        assertThat(Files.readString(app.resolve("bridge.log"))).doesNotContain("Cannot start");
        assertThat(Files.list(app.resolve("data")).count()).as("H2 files in data/, the volume").isPositive();
    }

    /** Dockerfile lines with their continuations joined, comments dropped. */
    static List<String> logicalLines(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String raw : text.split("\n")) {
            String l = raw.strip();
            if (l.startsWith("#") || (l.isEmpty() && cur.length() == 0)) {
                continue;
            }
            if (l.endsWith("\\")) {
                cur.append(l, 0, l.length() - 1).append(' ');
                continue;
            }
            cur.append(l);
            if (cur.length() > 0) {
                out.add(cur.toString().replaceAll("\\s+", " ").trim());
            }
            cur.setLength(0);
        }
        return out;
    }

    static void copy(Path src, Path dest) throws IOException {
        if (Files.isDirectory(src)) {
            try (Stream<Path> s = Files.walk(src)) {
                for (Path p : s.toList()) {
                    Path to = dest.resolve(src.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.createDirectories(to.getParent());
                        Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        } else {
            Files.createDirectories(dest.getParent());
            Files.copy(src, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
