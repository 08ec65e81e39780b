package io.smsbridge.store.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.core.directory.Directory;
import io.smsbridge.core.directory.DirectoryException;
import io.smsbridge.core.directory.Organization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Locale;

/**
 * Holds the directory in force. With {@code directory.source=file} it is the file's: loaded at
 * start (an invalid file stops start-up) and reloaded when the file changes (an invalid edit is
 * logged and the last good directory stays). With {@code database} it is the database's document:
 * the file is imported once into an empty database, and every instance reloads when the document's
 * version moves (an admin change on any of them).
 */
public final class DirectoryService {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the directory comes from. */
    public enum Source {
        FILE, DATABASE;

        public static Source of(String setting) {
            try {
                return valueOf(setting.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new DirectoryException("directory.source: '" + setting + "' is not file or database");
            }
        }

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Source source;
    private final Path file;
    private final DirectoryParser fileParser;
    private final DirectoryParser documentParser;
    private final DirectoryStore store;
    private DirectoryLimits limits;
    private volatile Directory current = Directory.EMPTY;
    private volatile FileTime loadedVersion;
    private volatile long documentVersion;
    /** The directory in force in the file's shape, read once per load (the admin API reads it often). */
    private volatile ObjectNode tree = DirectoryDocument.of(Directory.EMPTY, DirectoryDocument.Secrets.AS_IS);

    /**
     * @param fileParser     reads the file, resolving its {{env:…}} placeholders
     * @param documentParser reads the database's document as it is (no placeholder is resolved: an
     *                       admin's text must not read the bridge's environment)
     */
    public DirectoryService(Source source, Path file, DirectoryParser fileParser, DirectoryParser documentParser,
            DirectoryStore store) {
        this.source = source;
        this.file = file;
        this.fileParser = fileParser;
        this.documentParser = documentParser;
        this.store = store;
    }

    /** A file-mode service (the directory file is the source). */
    public DirectoryService(Path file, DirectoryParser parser, DirectoryStore store) {
        this(Source.FILE, file, parser, parser, store);
    }

    /** Holds every directory loaded from now on to the database's column sizes. */
    public DirectoryService withLimits(DirectoryLimits limits) {
        this.limits = limits;
        return this;
    }

    /** Checks a directory against the column sizes (a {@link DirectoryException} naming the entry). */
    public Directory checked(Directory d, String source) {
        if (limits != null) {
            limits.check(d, source);
        }
        return d;
    }

    public Directory current() {
        return current;
    }

    public Source source() {
        return source;
    }

    public Path file() {
        return file;
    }

    public DirectoryParser documentParser() {
        return documentParser;
    }

    /** Database mode: the version of the document in force (what a change starts from); 0 in file mode. */
    public long documentVersion() {
        return documentVersion;
    }

    /** Loads the directory; throws {@link DirectoryException} naming the bad entry. */
    public synchronized void load() {
        if (source == Source.DATABASE) {
            importIfEmpty();
            loadDocument();
            return;
        }
        Directory d = readFile();
        try {
            FileTime version = Files.getLastModifiedTime(file);
            store.save(d);
            current = d;
            tree = DirectoryDocument.of(d, DirectoryDocument.Secrets.AS_IS);
            loadedVersion = version;
        } catch (IOException e) {
            throw new DirectoryException(file + ": cannot read: " + e.getMessage());
        }
        LOG.info("Directory {} loaded: {} organization(s), {} integration(s), {} number(s)", file,
                d.organizations().size(), d.integrations().size(), d.numbers().size());
    }

    /** Reloads when the file (file mode) or the document's version (database mode) changed. */
    public synchronized boolean reloadIfChanged() {
        if (source == Source.DATABASE) {
            long v = store.database().withConnection(store::version);
            if (v == documentVersion) {
                return false;
            }
            loadDocument();
            return true;
        }
        try {
            if (!Files.isRegularFile(file) || Files.getLastModifiedTime(file).equals(loadedVersion)) {
                return false;
            }
            load();
            return true;
        } catch (DirectoryException e) {
            LOG.error("Directory change not applied, the previous directory stays in force: {}", e.getMessage());
            try {
                loadedVersion = Files.getLastModifiedTime(file);
            } catch (IOException ignored) {
                // next poll tries again
            }
            return false;
        } catch (IOException e) {
            LOG.warn("Cannot check {} for changes: {}", file, e.getMessage());
            return false;
        }
    }

    private Directory readFile() {
        if (!Files.isRegularFile(file)) {
            throw new DirectoryException(file + ": directory file not found (set directory.file to its path)");
        }
        try {
            return checked(fileParser.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()),
                    file.toString());
        } catch (IOException e) {
            throw new DirectoryException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The database holds no directory yet: the file's (if there is one) becomes its first document. */
    private void importIfEmpty() {
        if (store.database().withConnection(store::version) > 0) {
            return;
        }
        Directory d = file != null && Files.isRegularFile(file) ? readFile() : Directory.EMPTY;
        String doc = DirectoryDocument.of(d, DirectoryDocument.Secrets.AS_IS).toString();
        Instant now = Instant.now();
        boolean imported = store.database().inTransaction(c -> {
            if (!store.write(c, 0, doc, now)) {
                return false; // another instance imported it first
            }
            store.project(c, d, now);
            for (Organization o : d.organizations().values()) {
                for (String key : o.apiKeys()) {
                    store.saveFileKey(c, o.id(), key, now);
                }
            }
            return true;
        });
        if (imported) {
            LOG.info("Directory imported into the database from {}: {} organization(s), {} number(s); from now on"
                    + " it is changed through the admin API", d == Directory.EMPTY ? "nothing (no file)" : file,
                    d.organizations().size(), d.numbers().size());
        }
    }

    private void loadDocument() {
        var loaded = store.database().withConnection(c -> new Object[] {store.read(c), store.activeKeys(c)});
        DirectoryStore.Stored stored = (DirectoryStore.Stored) loaded[0];
        @SuppressWarnings("unchecked")
        java.util.Map<String, String> keys = (java.util.Map<String, String>) loaded[1];
        Directory parsed;
        ObjectNode read;
        try {
            read = (ObjectNode) JSON.readTree(stored.document());
            parsed = documentParser.parse(read, "directory");
        } catch (IOException | ClassCastException e) {
            throw new DirectoryException("the database's directory document is not JSON: " + e.getMessage());
        }
        current = new Directory(parsed.organizations(), parsed.integrations(), parsed.numbers(), java.util.Map.copyOf(keys));
        documentVersion = stored.version();
        tree = read;
        LOG.info("Directory version {} loaded from the database: {} organization(s), {} integration(s), {} number(s)",
                stored.version(), parsed.organizations().size(), parsed.integrations().size(), parsed.numbers().size());
    }

    /** The document in force as an editable tree (a copy). */
    public ObjectNode documentTree() {
        return tree.deepCopy();
    }

    /** The document in force, to read only (never change it: it is what every reader shares). */
    public com.fasterxml.jackson.databind.JsonNode documentView() {
        return tree;
    }
}
