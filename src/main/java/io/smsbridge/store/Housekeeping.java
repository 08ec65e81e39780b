package io.smsbridge.store;

import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * Retention: messages older than {@code retention} (with their history, jobs and carrier receipts)
 * are deleted in small batches, one short transaction each, so live traffic never waits long behind
 * them; a message still on its way (queued, sending, retrying) is kept. Carrier status reports parked
 * for an id no message ever got expire after {@code parkedTtl}.
 */
public final class Housekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    private static final List<String> UNDER_WAY = List.of("queued", "sending", "retrying");

    private final Database db;
    private final Duration retention;
    private final Duration parkedTtl;
    private final int batch;
    private final int maxBatches;

    /** @param retention zero keeps messages for ever */
    public Housekeeping(Database db, Duration retention, Duration parkedTtl, int batch, int maxBatches) {
        this.db = db;
        this.retention = retention;
        this.parkedTtl = parkedTtl;
        this.batch = batch;
        this.maxBatches = maxBatches;
    }

    /** One round (called by a timer): returns the messages deleted. */
    public int run() {
        Instant now = Instant.now();
        int deleted = 0;
        if (!retention.isZero()) {
            Instant cutoff = now.minus(retention);
            for (int i = 0; i < maxBatches; i++) {
                int n = deleteBatch(cutoff);
                deleted += n;
                if (n < batch) {
                    break;
                }
            }
            // a broadcast goes with the last of its messages (and its bulk job with it)
            db.inTransaction(c -> {
                Sql.update(c, "DELETE FROM jobs WHERE kind = 'bulk-send' AND message_id IN (SELECT b.id FROM"
                        + " broadcasts b WHERE b.created_at < ? AND NOT EXISTS (SELECT 1 FROM messages m"
                        + " WHERE m.broadcast_id = b.id))", cutoff);
                return Sql.update(c, "DELETE FROM broadcasts WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM"
                        + " messages m WHERE m.broadcast_id = broadcasts.id)", cutoff);
            });
        }
        int expired = db.inTransaction(c -> Sql.update(c, "DELETE FROM carrier_receipts WHERE message_id IS NULL"
                + " AND received_at < ?", now.minus(parkedTtl)));
        if (deleted > 0 || expired > 0) {
            LOG.info("Housekeeping: {} message(s) older than {} deleted, {} parked report(s) expired", deleted,
                    retention, expired);
        }
        return deleted;
    }

    private int deleteBatch(Instant cutoff) {
        return db.inTransaction(c -> {
            List<String> ids = Sql.list(c, "SELECT m.id FROM messages m JOIN message_status s ON s.message_id = m.id"
                    + " WHERE m.created_at < ? AND s.status NOT IN (?, ?, ?) ORDER BY m.created_at FETCH FIRST "
                    + batch + " ROWS ONLY", rs -> rs.getString(1), cutoff, UNDER_WAY.get(0), UNDER_WAY.get(1),
                    UNDER_WAY.get(2));
            if (ids.isEmpty()) {
                return 0;
            }
            String in = "(" + String.join(",", Collections.nCopies(ids.size(), "CAST(? AS UUID)")) + ")";
            Object[] params = ids.toArray();
            Sql.update(c, "DELETE FROM message_events WHERE message_id IN " + in, params);
            Sql.update(c, "DELETE FROM jobs WHERE message_id IN " + in, params);
            Sql.update(c, "DELETE FROM carrier_receipts WHERE message_id IN " + in, params);
            Sql.update(c, "DELETE FROM message_status WHERE message_id IN " + in, params);
            return Sql.update(c, "DELETE FROM messages WHERE id IN " + in, params);
        });
    }
}
