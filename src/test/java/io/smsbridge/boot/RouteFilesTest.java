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
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("routes/40-api.camel.yaml"), "");
        Files.writeString(dir.resolve("routes/30-platform.camel.yaml"), "");
        Files.writeString(dir.resolve("routes/notes.txt"), "");
        Files.createDirectories(dir.resolve("custom"));
        Files.writeString(dir.resolve("custom/30-platform.camel.yaml"), "");
        Files.writeString(dir.resolve("custom/tagging.camel.yaml"), "");

        Map<String, Path> files = RouteFiles.select(dir.resolve("routes"), dir.resolve("custom"));
        assertThat(files).containsOnlyKeys("40-api.camel.yaml", "30-platform.camel.yaml", "tagging.camel.yaml");
        assertThat(files.get("40-api.camel.yaml")).isEqualTo(dir.resolve("routes/40-api.camel.yaml"));
        assertThat(files.get("30-platform.camel.yaml")).isEqualTo(dir.resolve("custom/30-platform.camel.yaml"));
        assertThat(RouteFiles.includePattern(files)).startsWith("file:").contains(",file:")
                .doesNotContain("routes/30-platform.camel.yaml");
    }

    @Test
    void aMissingCustomFolderSaysWhatToDo(@TempDir Path dir) {
        assertThatThrownBy(() -> RouteFiles.select(dir, dir.resolve("nope")))
                .hasMessageContaining("routes.custom-dir").hasMessageContaining("is not a folder");
    }
}
