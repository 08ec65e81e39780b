package io.smsbridge.store;

import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.smsbridge.store.db.TestIds.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The fast path: a job is taken in the transaction that creates it, and found again if it is lost. */
class JobStoreTest {

    static final Duration LEASE = Duration.ofMillis(600);

    Database db;
    JobStore mine;
    JobStore other;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:mem:jobs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4);
        db.migrate();
        mine = new JobStore(db, LEASE);
        other = new JobStore(db, LEASE); // another instance: its own owner name
    }

    @AfterEach
    void close() {
        db.close();
    }

    Job enqueue() {
        return db.inTransaction(c -> mine.enqueue(c, JobKind.PLATFORM_POST, id("m1"), "org", "{}", Instant.now()));
    }

    @Test
    void aNewJobIsAlreadyTakenByItsInstanceForItsFirstAttempt() {
        // a long lease: the first test of a cold JVM can take longer than a third of 600 ms to get here
        JobStore patient = new JobStore(db, Duration.ofMinutes(1));
        JobStore otherPatient = new JobStore(db, Duration.ofMinutes(1));
        Job job = db.inTransaction(c -> patient.enqueue(c, JobKind.PLATFORM_POST, id("m1"), "org", "{}",
                Instant.now()));

        assertThat(job.attempts()).isEqualTo(1);
        assertThat(patient.keep(job)).isSameAs(job); // fresh: no second transaction
        assertThat(otherPatient.claim(job.id())).isNull();
        assertThat(otherPatient.handOver(job.id())).isFalse();
        String state = db.withConnection(c -> Sql.one(c, "SELECT state FROM jobs WHERE id = ?",
                rs -> rs.getString(1), job.id()));
        assertThat(state).isEqualTo("running");
    }

    @Test
    void aLostHandOffIsTakenByTheNextPollOnceTheLeaseRunsOut() {
        Job lost = enqueue();

        await().atMost(Duration.ofSeconds(5)).until(() -> other.handOver(lost.id()));
        Job again = other.claim(lost.id());
        assertThat(again).isNotNull();
        assertThat(again.attempts()).isEqualTo(2);
        // the first instance wakes up late: the lease is gone, it must not work on the job too
        assertThat(mine.keep(lost)).isNull();
    }

    @Test
    void aJobThatWaitedInItsQueueRenewsItsLeaseBeforeTheWork() throws Exception {
        Job job = enqueue();
        Thread.sleep(LEASE.toMillis() / 2);

        Job kept = mine.keep(job);

        assertThat(kept).isNotNull();
        assertThat(kept.leasedAt()).isAfter(job.leasedAt());
        assertThat(other.claim(job.id())).isNull();
    }
}
