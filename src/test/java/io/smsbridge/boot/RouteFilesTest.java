package io.smsbridge.boot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteFilesTest {

    @Test
    void aCustomCopyReplacesTheShippedFileAndNewFilesAreAdded(@TempDir Path dir) throws Exception {
        Path shipped = Files.createDirectories(dir.resolve("routes/providers"));
        Files.writeString(dir.resolve("routes/outbound.camel.yaml"), "");
        Files.writeString(dir.resolve("routes/platform.camel.yaml"), "");
        Files.writeString(shipped.resolve("didww.camel.yaml"), "");
        Files.writeString(dir.resolve("routes/notes.txt"), "");
        Path custom = Files.createDirectories(dir.resolve("custom/providers"));
        Files.writeString(dir.resolve("custom/platform.camel.yaml"), "");
        Files.writeString(custom.resolve("didww.camel.yaml"), "");
        Files.writeString(dir.resolve("custom/tagging.camel.yaml"), "");

        Map<String, Path> files = RouteFiles.select(dir.resolve("routes"), dir.resolve("custom"));
        assertThat(files).containsOnlyKeys("outbound.camel.yaml", "platform.camel.yaml", "providers/didww.camel.yaml",
                "tagging.camel.yaml");
        assertThat(files.get("outbound.camel.yaml")).isEqualTo(dir.resolve("routes/outbound.camel.yaml"));
        assertThat(files.get("platform.camel.yaml")).isEqualTo(dir.resolve("custom/platform.camel.yaml"));
        assertThat(files.get("providers/didww.camel.yaml")).isEqualTo(custom.resolve("didww.camel.yaml"));
        assertThat(RouteFiles.includePattern(files)).startsWith("file:").contains(",file:")
                .doesNotContain("routes/platform.camel.yaml");
    }

    @Test
    void aMissingCustomFolderSaysWhatToDo(@TempDir Path dir) {
        assertThatThrownBy(() -> RouteFiles.select(dir, dir.resolve("nope")))
                .hasMessageContaining("routes.custom-dir").hasMessageContaining("is not a folder");
    }
}
