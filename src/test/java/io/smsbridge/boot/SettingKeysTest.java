package io.smsbridge.boot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingKeysTest {

    static final SettingKeys KEYS = new SettingKeys(Set.of("db.url", "db.user", "jobs.lease", "retry.default.backoff"),
            List.of("didww", "template"));

    @ParameterizedTest
    @ValueSource(strings = {"db.url", "jobs.lease", "camel.server.port", "retry.didww.backoff",
        "retry.template.acme-sms.transient", "retry.platform.max-age", "retry.default.max-attempts-for"})
    void readKeysPass(String key) {
        assertThat(KEYS.known(key)).as(key).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.ulr", "jobs.leese", "retry.didww.backof", "retry.didw.backoff", "retry.didww",
        "retry.default.x.backoff", "sender.concurency"})
    void anythingElseIsATypo(String key) {
        assertThat(KEYS.known(key)).as(key).isFalse();
    }

    @Test
    void theErrorNamesTheFileTheKeyAndTheKeyItMeant() {
        assertThatThrownBy(() -> KEYS.check(Map.of("db.ulr", "x").keySet(), "/srv/bridge/application.properties"))
                .hasMessageContaining("/srv/bridge/application.properties: unknown setting 'db.ulr'; did you mean"
                        + " 'db.url'?");
        assertThatThrownBy(() -> KEYS.check(Set.of("retry.didww.backof"), "f"))
                .hasMessageContaining("did you mean 'retry.didww.backoff'?");
    }
}
