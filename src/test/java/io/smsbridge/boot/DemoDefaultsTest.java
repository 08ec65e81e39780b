package io.smsbridge.boot;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoDefaultsTest {

    static final UnaryOperator<String> RESOLVED = v -> "resolved";
    static final UnaryOperator<String> ENV = Map.of("ACME_API_KEY", "from-the-environment")::get;

    @Test
    void outsideDemoModeADefaultWhoseVariableIsUnsetIsRefusedByName() {
        assertThatThrownBy(() -> DemoDefaults.guard(RESOLVED, false, ENV).apply("{{env:ACME_DIDWW_TOKEN:dev-token}}"))
                .hasMessageContaining("ACME_DIDWW_TOKEN is not set").hasMessageContaining("demo=true");
    }

    @Test
    void aSetVariableOrNoDefaultOrDemoModeResolvesAsBefore() {
        assertThat(DemoDefaults.guard(RESOLVED, false, ENV).apply("{{env:ACME_API_KEY:dev-key}}")).isEqualTo("resolved");
        assertThat(DemoDefaults.guard(RESOLVED, false, ENV).apply("{{env:OTHER}}")).isEqualTo("resolved");
        assertThat(DemoDefaults.guard(RESOLVED, true, ENV).apply("{{env:UNSET:dev-key}}")).isEqualTo("resolved");
    }
}
