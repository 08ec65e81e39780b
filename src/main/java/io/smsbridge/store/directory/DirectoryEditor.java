package io.smsbridge.store.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.core.directory.Directory;
import io.smsbridge.core.directory.DirectoryException;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.refusal.Refusal;
import io.smsbridge.store.admin.AuditLog;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Changes the database's directory: an edit of its document, checked by the same parser as the
 * file (so a change the file would refuse is refused, naming the field, and nothing is half
 * applied), then written with its audit entry in one transaction, if no other change came first
 * (else it is applied again to the newer document).
 */
public final class DirectoryEditor {

    /** What an edit did, for the audit log: before and after are masked by {@link #masked}. */
    public record Change(String organizationId, String action, String target, JsonNode before, JsonNode after) {
    }

    /** Edits the document in place; throws a {@link Refusal} when the edit names something missing. */
    @FunctionalInterface
    public interface Edit {
        Change apply(ObjectNode document);
    }

    private static final int ATTEMPTS = 5;

    private final DirectoryService directory;
    private final DirectoryStore store;
    private final AuditLog audit;

    public DirectoryEditor(DirectoryService directory, DirectoryStore store, AuditLog audit) {
        this.directory = directory;
        this.store = store;
        this.audit = audit;
    }

    /** Refuses (409) unless the database is the directory's source. */
    public void requireWritable() {
        if (directory.source() != DirectoryService.Source.DATABASE) {
            throw Refusal.conflict("directory_read_only", "the directory comes from " + directory.file()
                    + " (directory.source=file): change that file, or set directory.source=database to manage"
                    + " the directory here");
        }
    }

    public Change edit(String actor, Edit edit) {
        requireWritable();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            directory.reloadIfChanged();
            long base = directory.documentVersion();
            ObjectNode doc = directory.documentTree();
            Change change = edit.apply(doc);
            Directory checked;
            try {
                checked = directory.checked(directory.documentParser().parse(doc, "directory"), "directory");
            } catch (DirectoryException e) {
                String message = e.getMessage().replaceFirst("^directory: ", "");
                throw Refusal.unprocessable("invalid_field", message, e.field());
            }
            Instant now = Instant.now();
            boolean written = store.database().inTransaction(c -> {
                if (!store.write(c, base, doc.toString(), now)) {
                    return false;
                }
                store.project(c, checked, now);
                audit.record(c, actor, change.organizationId(), change.action(), change.target(),
                        text(change.before()), text(change.after()), now);
                return true;
            });
            if (written) {
                directory.reloadIfChanged();
                return change;
            }
        }
        throw Refusal.conflict("concurrent_change", "the directory kept changing while this change was applied;"
                + " try again");
    }

    /** An audit entry of a change outside the document (an API key), which every instance must see. */
    public void touched(java.sql.Connection c, Instant now) throws java.sql.SQLException {
        store.touch(c, now);
    }

    /** A copy with every secret replaced by "(set)": credentials, webhook tokens, platform headers. */
    public static JsonNode masked(JsonNode node) {
        if (node == null) {
            return null;
        }
        JsonNode copy = node.deepCopy();
        mask(copy, false);
        return copy;
    }

    private static void mask(JsonNode node, boolean secretValues) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                boolean secret = secretValues || e.getKey().equals("headers") || e.getKey().equals("properties");
                if (e.getValue().isValueNode() && (secret || Integration.isSecret(e.getKey()))) {
                    e.setValue(com.fasterxml.jackson.databind.node.TextNode.valueOf("(set)"));
                } else {
                    mask(e.getValue(), secret);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(child -> mask(child, secretValues));
        }
    }

    private static String text(JsonNode node) {
        return node == null ? null : masked(node).toString();
    }
}
