package io.smsbridge.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A mistyped setting stops the start and says which one, and what it likely meant. */
class SettingTyposTest {

    @Test
    void aValueOutOfItsRangeStopsTheStartNamingTheKeyAndWhatIsAllowed() {
        assertThatThrownBy(() -> TestBridge.start(Fixtures.DIRECTORY, Map.of("sender.concurrency", "0")))
                .hasStackTraceContaining("sender.concurrency = '0': must be from 1 to 1000");
    }

    @Test
    void aTypoInASettingStopsTheStart() {
        assertThatThrownBy(() -> TestBridge.start(Fixtures.DIRECTORY, Map.of("db.ulr", "jdbc:h2:mem:x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown setting 'db.ulr'; did you mean 'db.url'?");
    }

    @Test
    void aRetryTableOfNoCarrierStopsTheStart() {
        assertThatThrownBy(() -> TestBridge.start(Fixtures.DIRECTORY, Map.of("retry.didw.backoff", "1s")))
                .hasMessageContaining("unknown setting 'retry.didw.backoff'; did you mean 'retry.didww.backoff'?");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            retry.didww.max-backoff | banana | retry.didww.max-backoff = 'banana': 'banana' is not a duration
            retry.thinq.max-attempts | 0     | retry.thinq.max-attempts = '0': a whole number of attempts, at least 1
            retry.platform.default  | maybe  | retry.platform.default = 'maybe': use transient or permanent
            """)
    void aBadRetryValueStopsTheStartNotTheFirstSend(String key, String value, String message) {
        assertThatThrownBy(() -> TestBridge.start(Fixtures.DIRECTORY, Map.of(key, value)))
                .hasMessageContaining(message);
    }

    @Test
    void outsideDemoModeADirectoryDefaultForAnUnsetVariableStopsTheStart() {
        String dir = Fixtures.DIRECTORY.replace("\"" + Fixtures.API_KEY + "\"",
                "\"{{env:SMS_BRIDGE_TEST_UNSET_KEY:dev-acme-api-key-change-me}}\"");
        assertThat(dir).contains("SMS_BRIDGE_TEST_UNSET_KEY");
        assertThatThrownBy(() -> TestBridge.start(dir, Map.of()))
                .hasMessageContaining("SMS_BRIDGE_TEST_UNSET_KEY is not set");
    }

    @Test
    void anApiKeyShorterThan24CharactersStopsTheStart() {
        String dir = Fixtures.DIRECTORY.replace("\"" + Fixtures.API_KEY + "\"", "\"dev-acme-key-change-me\"");
        assertThat(dir).contains("dev-acme-key-change-me");
        assertThatThrownBy(() -> TestBridge.start(dir, Map.of()))
                .hasMessageContaining("API key is 22 characters; use at least 24");
    }

    /** camel.* keys are Camel's: it refuses the ones it does not know, naming them its own way. */
    @ParameterizedTest
    @CsvSource({"camel.main.shutdown-timout, shutdownTimout", "camel.server.prot, prot",
        "camel.component.http.conect-timeout, conectTimeout"})
    void aTypoInACamelSettingStopsTheStartToo(String key, String named) {
        assertThatThrownBy(() -> TestBridge.start(Fixtures.DIRECTORY, Map.of(key, "5"))).hasMessageContaining(named);
    }
}
