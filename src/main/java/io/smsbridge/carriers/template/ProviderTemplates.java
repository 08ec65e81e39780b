package io.smsbridge.carriers.template;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The provider templates of a folder ({@code providers/*.json}), loaded and validated once at start-up. */
public final class ProviderTemplates {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderTemplates.class);

    private final Map<String, ProviderTemplate> byId;

    public ProviderTemplates(Map<String, ProviderTemplate> byId) {
        this.byId = Map.copyOf(byId);
    }

    public static ProviderTemplates none() {
        return new ProviderTemplates(Map.of());
    }

    /** Reads every {@code *.json} of {@code dir}; a folder that does not exist holds no templates. */
    public static ProviderTemplates load(Path dir) {
        if (!Files.isDirectory(dir)) {
            LOG.info("No provider templates: {} is not a folder", dir);
            return none();
        }
        Map<String, ProviderTemplate> out = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new TemplateException(dir + ": cannot list the folder: " + e.getMessage());
        }
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new TemplateException(f + ": cannot read: " + e.getMessage());
            }
            ProviderTemplate t = TemplateParser.parse(text, f.toString());
            ProviderTemplate other = out.putIfAbsent(t.id(), t);
            if (other != null) {
                throw new TemplateException(f + ": id: '" + t.id() + "' is already the id of " + other.file());
            }
        }
        LOG.info("Provider templates from {}: {}", dir, out.keySet());
        return new ProviderTemplates(out);
    }

    public ProviderTemplate get(String id) {
        return byId.get(id);
    }

    public List<String> ids() {
        return byId.keySet().stream().sorted().toList();
    }
}
