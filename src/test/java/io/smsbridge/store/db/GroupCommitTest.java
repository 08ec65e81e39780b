package io.smsbridge.store.db;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Group commit keeps each caller's transaction its own: all-or-nothing, visible once it returns. */
class GroupCommitTest {

    Database db;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:mem:gc-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 8)
                .withGroupCommit(1, 50);
        db.withConnection(c -> Sql.update(c, "CREATE TABLE t (k INT PRIMARY KEY, v VARCHAR(10))"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    int count() {
        return db.withConnection(c -> Sql.one(c, "SELECT COUNT(*) FROM t", rs -> rs.getInt(1)));
    }

    @Test
    void concurrentCallersAreCommittedAndAFailingOneIsRolledBackAlone() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<?>> results = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int k = i;
            results.add(pool.submit(() -> db.inTransaction(c -> {
                Sql.update(c, "INSERT INTO t (k, v) VALUES (?, ?)", k, "a");
                if (k % 10 == 0) {
                    Sql.update(c, "INSERT INTO t (k, v) VALUES (?, ?)", k + 10_000, "b");
                    throw new IllegalStateException("caller " + k + " fails");
                }
                // visible to its own transaction, before the commit
                return Sql.one(c, "SELECT v FROM t WHERE k = ?", rs -> rs.getString(1), k);
            })));
        }
        int failed = 0;
        for (int i = 0; i < results.size(); i++) {
            try {
                assertThat(results.get(i).get()).isEqualTo("a");
                // committed by the time the caller has its answer
                int k = i;
                int rows = db.withConnection(c -> Sql.one(c, "SELECT COUNT(*) FROM t WHERE k = ?",
                        rs -> rs.getInt(1), k));
                assertThat(rows).isEqualTo(1);
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessageContaining("fails");
                failed++;
            }
        }
        pool.shutdown();
        assertThat(failed).isEqualTo(40);
        assertThat(count()).isEqualTo(360); // nothing of a failed caller remains, everything else does
    }

    @Test
    void aTransactionOpenedInsideAnotherJoinsIt() {
        db.inTransaction(c -> {
            Sql.update(c, "INSERT INTO t (k, v) VALUES (1, 'x')");
            return db.inTransaction(inner -> Sql.update(inner, "INSERT INTO t (k, v) VALUES (2, 'y')"));
        });
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void aDuplicateKeyFailsOnlyItsCaller() {
        db.inTransaction(c -> Sql.update(c, "INSERT INTO t (k, v) VALUES (7, 'x')"));
        assertThatThrownBy(() -> db.inTransaction(c -> Sql.update(c, "INSERT INTO t (k, v) VALUES (7, 'y')")))
                .isInstanceOf(DatabaseException.class);
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void writeOnlyCallersAreCommittedTogetherAndADuplicateFailsOnlyItsCaller() throws Exception {
        db.inTransaction(c -> Sql.update(c, "INSERT INTO t (k, v) VALUES (7, 'x')"));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<?>> results = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int k = i;
            // two kinds of statement per caller, as a finished job and its message's state
            results.add(pool.submit(() -> db.writeAll(List.of(
                    new Write("INSERT INTO t (k, v) VALUES (?, ?)", k, "w"),
                    new Write("UPDATE t SET v = ? WHERE k = ?", "u", k)))));
        }
        int failed = 0;
        for (int i = 0; i < results.size(); i++) {
            try {
                results.get(i).get();
                int k = i;
                String v = db.withConnection(c -> Sql.one(c, "SELECT v FROM t WHERE k = ?", rs -> rs.getString(1), k));
                assertThat(v).as("caller %d", k).isEqualTo("u"); // committed, both statements, in order
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(DatabaseException.class);
                assertThat(i).isEqualTo(7);
                failed++;
            }
        }
        pool.shutdown();
        assertThat(failed).isEqualTo(1);
        assertThat(count()).isEqualTo(300);
        String seven = db.withConnection(c -> Sql.one(c, "SELECT v FROM t WHERE k = 7", rs -> rs.getString(1)));
        assertThat(seven).isEqualTo("x"); // the failed caller's update went with its insert
    }

    @Test
    void writeOnlyCallersWhoseOrdersDisagreeEachKeepTheirOwn() throws Exception {
        String insert = "INSERT INTO t (k, v) VALUES (?, ?)";
        String append = "UPDATE t SET v = v || ? WHERE k = ?";
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<?>> results = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int k = i;
            // even callers insert then append; odd ones append first (to no row yet), then insert: grouped
            // in the order an even caller gave the batch, an odd caller's append would find its row
            List<Write> writes = k % 2 == 0
                    ? List.of(new Write(insert, k, "a"), new Write(append, "b", k))
                    : List.of(new Write(append, "b", k), new Write(insert, k, "a"));
            results.add(pool.submit(() -> db.writeAll(writes)));
        }
        for (Future<?> f : results) {
            f.get();
        }
        pool.shutdown();
        for (int k = 0; k < 300; k++) {
            int key = k;
            String v = db.withConnection(c -> Sql.one(c, "SELECT v FROM t WHERE k = ?", rs -> rs.getString(1), key));
            assertThat(v).as("caller %d", k).isEqualTo(k % 2 == 0 ? "ab" : "a");
        }
    }

    @Test
    void groupingKeepsACallersOrderOnlyWhereTheBatchSawItsStatementsInThatOrder() {
        Map<String, Object> grouped = new LinkedHashMap<>();
        grouped.put("A", 1);
        grouped.put("B", 1);
        assertThat(GroupCommit.keepsOrder(grouped, List.of(new Write("A"), new Write("B")))).isTrue();
        assertThat(GroupCommit.keepsOrder(grouped, List.of(new Write("B"), new Write("C")))).isTrue();
        assertThat(GroupCommit.keepsOrder(grouped, List.of(new Write("C"), new Write("D")))).isTrue();
        assertThat(GroupCommit.keepsOrder(grouped, List.of(new Write("B"), new Write("A")))).isFalse();
        assertThat(GroupCommit.keepsOrder(grouped, List.of(new Write("C"), new Write("A")))).isFalse();
        assertThat(GroupCommit.keepsOrder(grouped, List.of(new Write("C"), new Write("C")))).isFalse();
    }

    @Test
    void callersAreAnsweredOnlyOnceTheirCommitIsDurable() throws Exception {
        CountDownLatch syncing = new CountDownLatch(1);
        CountDownLatch synced = new CountDownLatch(1);
        AtomicInteger visibleWhenSyncing = new AtomicInteger(-1);
        Durability slowDisk = c -> {
            visibleWhenSyncing.set(count()); // committed before the sync starts
            syncing.countDown();
            await(synced);
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        DatabaseStats stats = new DatabaseStats();
        try (GroupCommit group = new GroupCommit(db.dataSource(), slowDisk, 1, 50, stats)) {
            Future<Integer> answer = pool.submit(() -> group.run(c -> Sql.update(c, "INSERT INTO t (k, v) VALUES (1, 'x')")));
            assertThat(syncing.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(visibleWhenSyncing.get()).isEqualTo(1);
            assertThat(answer.isDone()).as("answered before its commit was forced to disk").isFalse();
            Thread.sleep(50);
            synced.countDown();
            assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            // the metrics: one batch of one transaction, the writer busy at least as long as the disk held it
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> stats.batches() == 1);
            assertThat(stats.transactions()).isEqualTo(1);
            assertThat(stats.forceSeconds()).isGreaterThanOrEqualTo(0.05);
            assertThat(stats.busySeconds()).isGreaterThanOrEqualTo(stats.forceSeconds());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedSyncFailsItsCallersButNeverRunsTheirWorkAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Durability brokenDisk = c -> {
            throw new SQLException("disk gone");
        };
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (GroupCommit group = new GroupCommit(db.dataSource(), brokenDisk, 1, 50, new DatabaseStats())) {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int k = i;
                results.add(pool.submit(() -> group.run(c -> {
                    runs.incrementAndGet();
                    return Sql.update(c, "INSERT INTO t (k, v) VALUES (?, 'x')", k);
                })));
            }
            for (Future<?> f : results) {
                assertThatThrownBy(f::get).hasRootCauseMessage("disk gone");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(runs.get()).as("a committed batch is not run again").isEqualTo(40);
        assertThat(count()).isEqualTo(40); // committed; only their durability is in doubt
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
