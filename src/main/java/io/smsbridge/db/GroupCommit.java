package io.smsbridge.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: write transactions of many callers run one after another on a writer thread and are
 * committed together, each inside its own savepoint (a failing one is rolled back alone). A caller
 * gets its result only after the commit that holds its work, so "answer after the durable write"
 * holds as before, but N messages cost one commit instead of N. This is what makes H2 (whose commit
 * writes a new chunk of the file under a global lock) and PostgreSQL (one WAL flush per commit)
 * take thousands of writes per second.
 *
 * <p>If a batch cannot commit (a deadlock with another instance, a lost connection), each of its
 * transactions is run again alone, so one caller's trouble never fails the others.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private final DataSource dataSource;
    private final int maxBatch;
    private final BlockingQueue<Item<?>> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    /** The batch connection of a writer thread: work that opens a transaction inside one joins it. */
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    private volatile boolean running = true;

    private static final class Item<T> {
        final Database.TxWork<T> work;
        final CompletableFuture<T> result = new CompletableFuture<>();
        T value;
        Exception failure;

        Item(Database.TxWork<T> work) {
            this.work = work;
        }

        void runOn(Connection c) {
            try {
                value = work.run(c);
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

    GroupCommit(DataSource dataSource, int writers, int maxBatch) {
        this.dataSource = dataSource;
        this.maxBatch = maxBatch;
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
        if (!running) {
            throw new SQLException("the database is closing");
        }
        Item<T> item = new Item<>(work);
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
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
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
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            current.set(c);
            try {
                if (batch.size() == 1) {
                    Item<?> only = batch.get(0);
                    only.runOn(c);
                    if (only.failure != null) {
                        c.rollback();
                    } else {
                        c.commit();
                    }
                } else {
                    for (Item<?> item : batch) {
                        Savepoint sp = c.setSavepoint();
                        item.runOn(c);
                        if (item.failure != null) {
                            c.rollback(sp);
                        } else {
                            c.releaseSavepoint(sp);
                        }
                    }
                    c.commit();
                }
                // a caller that lost a lock race with another instance's batch runs again alone
                List<Item<?>> again = new ArrayList<>();
                for (Item<?> item : batch) {
                    if (batch.size() > 1 && isConcurrencyConflict(item.failure)) {
                        again.add(item);
                    } else {
                        item.finish();
                    }
                }
                if (!again.isEmpty()) {
                    current.remove();
                    alone(again);
                }
            } catch (SQLException e) {
                safeRollback(c);
                current.remove();
                if (batch.size() == 1) {
                    batch.get(0).failure = e;
                    batch.get(0).finish();
                } else {
                    LOG.debug("A batch of {} transactions could not commit ({}); running each alone", batch.size(),
                            e.getMessage());
                    alone(batch);
                }
            } finally {
                current.remove();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // no connection (database down): every caller hears it
            batch.forEach(i -> {
                if (!i.result.isDone()) {
                    i.result.completeExceptionally(e);
                }
            });
        }
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
                    }
                } catch (SQLException e) {
                    safeRollback(c);
                    item.failure = e;
                } finally {
                    current.remove();
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                item.failure = e;
            }
            item.finish();
        }
    }

    /** Deadlock or serialization failure (PostgreSQL 40P01 / 40001), H2 lock timeout or deadlock. */
    static boolean isConcurrencyConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("40") || state.equals("HYT00")) {
                    return true;
                }
            }
        }
        return false;
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
