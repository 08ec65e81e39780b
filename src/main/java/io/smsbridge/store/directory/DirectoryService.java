package io.smsbridge.store.directory;

import io.smsbridge.core.directory.Directory;
import io.smsbridge.core.directory.DirectoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * Holds the current directory. Loaded at start (an invalid file stops start-up); reloaded when the
 * file changes (an invalid edit is logged and the last good directory stays in force).
 */
public final class DirectoryService {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryService.class);

    private final Path file;
    private final DirectoryParser parser;
    private final DirectoryStore store;
    private volatile Directory current = Directory.EMPTY;
    private volatile FileTime loadedVersion;

    public DirectoryService(Path file, DirectoryParser parser, DirectoryStore store) {
        this.file = file;
        this.parser = parser;
        this.store = store;
    }

    public Directory current() {
        return current;
    }

    /** Loads the file; throws {@link DirectoryException} naming the bad entry. */
    public synchronized void load() {
        if (!Files.isRegularFile(file)) {
            throw new DirectoryException(file + ": directory file not found (set directory.file to its path)");
        }
        try {
            FileTime version = Files.getLastModifiedTime(file);
            Directory d = parser.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            store.save(d);
            current = d;
            loadedVersion = version;
            LOG.info("Directory {} loaded: {} organization(s), {} integration(s), {} number(s)", file,
                    d.organizations().size(), d.integrations().size(), d.numbers().size());
        } catch (IOException e) {
            throw new DirectoryException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Reloads when the file's modification time changed. Called periodically by a route. */
    public synchronized boolean reloadIfChanged() {
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
}
