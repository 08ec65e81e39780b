package io.smsbridge.boot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A failed start is one line that says what went wrong and what to do, from the most telling cause. */
class StartFailuresTest {

    @Test
    void aLockedH2FileSaysAnotherBridgeHoldsIt() {
        Exception e = new IllegalStateException("cannot open the database. Check db.url, db.user and db.password",
                new RuntimeException("Database may be already in use: \"/srv/data/sms-bridge.mv.db\". Possible solutions"));
        assertThat(StartFailures.describe(e)).startsWith("another bridge (or another program) has the H2 database")
                .doesNotContain("db.password");
    }

    @Test
    void aBadRouteFileIsNamedWithItsErrorOnOneLine() {
        Exception e = new RuntimeException("Failed to create route",
                new RuntimeException("Unsupported field: stepz\n in file:custom/99-bad.camel.yaml line 5\n  stepz: []"));
        assertThat(StartFailures.describe(e))
                .isEqualTo("route file custom/99-bad.camel.yaml is invalid: Unsupported field: stepz — fix it (or"
                        + " remove your copy from routes.custom-dir)");
    }

    @Test
    void otherwiseTheDeepestMessageFirstLineOnly() {
        Exception e = new RuntimeException("wrapper", new IllegalArgumentException("the real reason\nand more"));
        assertThat(StartFailures.describe(e)).isEqualTo("the real reason");
        assertThat(StartFailures.describe(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
