package io.smsbridge.e2e;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.smsbridge.e2e.Fixtures.DIRECTORY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness is what a load balancer or an orchestrator asks before sending traffic: UP only while the
 * database answers. Liveness stays UP through a database outage: restarting the bridge would not
 * bring the database back, and the bridge takes traffic again by itself once it does.
 */
class ReadinessTest {

    @Test
    void readyWhileTheDatabaseAnswersNotReadyWithoutItAndAliveThroughout() throws Exception {
        try (TestBridge bridge = TestBridge.start(DIRECTORY, Map.of())) {
            TestBridge.Response ready = bridge.get("/observe/health/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.body()).contains("UP");
            assertThat(bridge.get("/observe/health").status()).isEqualTo(200);

            bridge.database().close(); // the pool is gone: as if the database were unreachable

            TestBridge.Response notReady = bridge.get("/observe/health/ready");
            assertThat(notReady.status()).as(notReady.body()).isEqualTo(503);
            assertThat(notReady.body()).contains("DOWN");
            TestBridge.Response overall = bridge.get("/observe/health");
            assertThat(overall.status()).as(overall.body()).isEqualTo(503);
            TestBridge.Response live = bridge.get("/observe/health/live");
            assertThat(live.status()).as(live.body()).isEqualTo(200);
        }
    }
}
