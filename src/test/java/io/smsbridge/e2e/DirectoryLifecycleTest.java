package io.smsbridge.e2e;

import io.smsbridge.core.directory.DirectoryException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.smsbridge.e2e.Fixtures.API_KEY;
import static io.smsbridge.e2e.Fixtures.DIRECTORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The directory file: an invalid one stops start-up naming the entry; edits apply without a restart. */
class DirectoryLifecycleTest {

    @Test
    void anInvalidDirectoryStopsStartUpAndNamesTheEntry() {
        String broken = DIRECTORY.replace("stickiness: 1h,", "stickiness: soon,");
        assertThatThrownBy(() -> TestBridge.start(broken, Map.of()))
                .isInstanceOf(DirectoryException.class)
                .hasMessageContaining("organizations[0].numbers[0].stickiness")
                .hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void editsAreAppliedWhileRunningAndABadEditKeepsTheLastGoodDirectory() throws Exception {
        try (TestBridge bridge = TestBridge.start(DIRECTORY, Map.of())) {
            String send = """
                    {"from":"+19179056077","to":"9175550123","extension":"103","content":"Hi"}""";
            assertThat(bridge.postJson("/api/v1/messages", send, "Authorization", "Bearer " + API_KEY).status())
                    .isEqualTo(403);

            Path file = bridge.workDir().resolve("directory.yaml");
            String current = Files.readString(file);
            Files.writeString(file, current.replaceFirst("users: \\[ \"101@acme.example\", \"102@acme.example\" ]",
                    "users: [ \"101@acme.example\", \"102@acme.example\", \"103@acme.example\" ]"));
            await().until(() -> bridge.postJson("/api/v1/messages", send, "Authorization", "Bearer " + API_KEY)
                    .status() == 202);

            Files.writeString(file, "organizations: [ { id: acme } ]");
            Thread.sleep(1500);
            assertThat(bridge.postJson("/api/v1/messages", send, "Authorization", "Bearer " + API_KEY).status())
                    .isEqualTo(202);
        }
    }
}
