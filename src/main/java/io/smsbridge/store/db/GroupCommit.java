package io.smsbridge.store.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: write transactions of many callers run one after another on a writer thread and are
 * committed together. A caller gets its result only after the commit that holds its work (and, on
 * embedded H2, the file's fsync: {@link Durability}), so "answer after the durable write" holds as
 * before, but N messages cost one commit instead of N. This is what
 * makes H2 (whose commit writes a new chunk of the file under a global lock) and PostgreSQL (one WAL
 * flush per commit) take thousands of writes per second.
 *
 * <p>If one transaction of a batch fails, or the batch cannot commit (a deadlock with another
 * instance, a lost connection), the batch is rolled back and each of its transactions runs again
 * alone, so one caller's trouble never fails the others. No savepoint per transaction: past 64
 * subtransactions PostgreSQL's snapshots overflow to pg_subtrans and every statement slows down (it
 * cut inbound throughput on PostgreSQL to a quarter).
 *
 * <p>Write-only callers ({@link #write}) hand over statements instead of work: they run after the
 * batch's other transactions, one JDBC batch per distinct statement, so a hundred finished jobs cost
 * PostgreSQL one round trip per statement kind instead of one per job.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private final DataSource dataSource;
    private final Durability durability;
    private final int maxBatch;
    private final DatabaseStats stats;
    private final BlockingQueue<Item<?>> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    /** The batch connection of a writer thread: work that opens a transaction inside one joins it. */
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    private volatile boolean running = true;

    /** A caller's transaction: work to run, or (write-only callers) statements to send. */
    private static final class Item<T> {
        final Database.TxWork<T> work;
        /** Set for {@link #write} callers: a batch sends these with its like statements. */
        final List<Write> writes;
        final CompletableFuture<T> result = new CompletableFuture<>();
        T value;
        Exception failure;

        Item(Database.TxWork<T> work, List<Write> writes) {
            this.work = work;
            this.writes = writes;
        }

        /** Runs the transaction's content on {@code c} (alone, or in a batch for work). */
        void runOn(Connection c) {
            try {
                if (writes != null) {
                    Sql.updateAll(c, writes);
                } else {
                    value = work.run(c);
                }
                failure = null;
            } catch (Exception e) {
                failure = e;
            }
        }

        void finish() {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        }
    }

    GroupCommit(DataSource dataSource, Durability durability, int writers, int maxBatch, DatabaseStats stats) {
        this.dataSource = dataSource;
        this.durability = durability;
        this.maxBatch = maxBatch;
        this.stats = stats;
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(this::loop, "sms-bridge-db-writer-" + i);
            t.setDaemon(true);
            t.start();
            this.writers.add(t);
        }
    }

    <T> T run(Database.TxWork<T> work) throws Exception {
        Connection joined = current.get();
        if (joined != null) {
            return work.run(joined);
        }
        return submit(new Item<>(work, null));
    }

    /** Statements nobody reads the results of: sent at the end of a batch, like ones together. */
    void write(List<Write> writes) throws Exception {
        Connection joined = current.get();
        if (joined != null) {
            Sql.updateAll(joined, writes);
            return;
        }
        submit(new Item<Void>(null, writes));
    }

    private <T> T submit(Item<T> item) throws Exception {
        if (!running) {
            throw new SQLException("the database is closing");
        }
        queue.add(item);
        try {
            return item.result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void loop() {
        List<Item<?>> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Item<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                long start = System.nanoTime();
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
                stats.batch(batch.size(), System.nanoTime() - start);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                LOG.error("Database writer failed", e);
                batch.forEach(i -> i.result.completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Item<?>> batch) {
        if (batch.size() == 1) {
            alone(batch);
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            current.set(c);
            boolean failed = false;
            // like statements of the batch's write-only callers, in the order each SQL first came
            Map<String, List<Object[]>> writes = new LinkedHashMap<>();
            try {
                for (Item<?> item : batch) {
                    if (item.writes != null && keepsOrder(writes, item.writes)) {
                        for (Write w : item.writes) {
                            writes.computeIfAbsent(w.sql(), k -> new ArrayList<>()).add(w.params());
                        }
                        continue;
                    }
                    // work, or statements in an order the batch's grouping would change: run now, in order
                    item.runOn(c);
                    if (item.failure != null) {
                        failed = true;
                        break;
                    }
                }
                if (!failed) {
                    for (Map.Entry<String, List<Object[]>> like : writes.entrySet()) {
                        Sql.batch(c, like.getKey(), like.getValue());
                    }
                    c.commit();
                    answer(batch, c);
                    return;
                }
                c.rollback();
            } catch (SQLException e) {
                LOG.debug("A batch of {} transactions could not commit ({}); running each alone", batch.size(),
                        e.getMessage());
                safeRollback(c);
            } finally {
                current.remove();
                resetAutoCommit(c);
            }
        } catch (SQLException e) {
            // no connection (database down): every caller hears it
            batch.forEach(i -> {
                i.failure = e;
                i.finish();
            });
            return;
        }
        // one of them failed (or the batch lost a lock race with another instance): the batch was rolled
        // back and each runs again alone, so one caller's trouble never fails the others
        alone(batch);
    }

    /**
     * Whether sending {@code writes} grouped by statement, in the order the batch first saw each,
     * keeps them in the caller's order: each statement must come after the previous one in that order
     * (a new one goes last) and none may repeat.
     */
    static boolean keepsOrder(Map<String, ?> grouped, List<Write> writes) {
        int last = -1;
        int next = grouped.size();
        List<String> seen = new ArrayList<>(writes.size());
        for (Write w : writes) {
            if (seen.contains(w.sql())) {
                return false;
            }
            seen.add(w.sql());
            int rank = grouped.containsKey(w.sql()) ? indexOf(grouped, w.sql()) : next++;
            if (rank < last) {
                return false;
            }
            last = rank;
        }
        return true;
    }

    private static int indexOf(Map<String, ?> grouped, String sql) {
        int i = 0;
        for (String key : grouped.keySet()) {
            if (key.equals(sql)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    private void alone(List<Item<?>> batch) {
        for (Item<?> item : batch) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                current.set(c);
                try {
                    item.runOn(c);
                    if (item.failure != null) {
                        c.rollback();
                    } else {
                        c.commit();
                        answer(List.of(item), c);
                        continue;
                    }
                } catch (SQLException e) {
                    safeRollback(c);
                    item.failure = e;
                } finally {
                    current.remove();
                    resetAutoCommit(c);
                }
            } catch (SQLException e) {
                item.failure = e;
            }
            item.finish();
        }
    }

    /**
     * Answers the callers of a committed batch once it is durable. If it cannot be made so (the disk
     * failed), they hear that instead: their work is committed, but might not survive a power loss.
     * Outside the commit's error handling on purpose: a committed batch must never run again.
     */
    private void answer(List<Item<?>> committed, Connection c) {
        long start = System.nanoTime();
        try {
            durability.afterCommit(c);
            stats.forced(System.nanoTime() - start);
        } catch (SQLException | RuntimeException e) {
            LOG.error("Committed {} transactions but could not force them to disk; their callers get an error",
                    committed.size(), e);
            committed.forEach(i -> i.failure = e);
        }
        committed.forEach(Item::finish);
    }

    private static void resetAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is broken; the pool drops it
        }
    }

    private static void safeRollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool drops it
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : writers) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
