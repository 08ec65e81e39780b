package io.smsbridge.boot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.FileReader;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every setting of the bridge's own has a rule for its value, the shipped defaults keep to them, and a bad value is named. */
class SettingRulesTest {

    static Properties shipped() throws Exception {
        Properties p = new Properties();
        try (FileReader r = new FileReader("application.properties")) {
            p.load(r);
        }
        return p;
    }

    @Test
    void everyShippedSettingHasARule() throws Exception {
        Set<String> own = new TreeSet<>();
        for (String k : shipped().stringPropertyNames()) {
            if (!k.startsWith("camel.") && !k.startsWith("retry.")) {
                own.add(k);
            }
        }
        assertThat(SettingRules.RULES.keySet()).containsAll(own);
        assertThat(own).containsAll(SettingRules.RULES.keySet());
    }

    @Test
    void theShippedDefaultsKeepToTheRules() throws Exception {
        Properties p = shipped();
        Map<String, String> resolved = Map.of("management.port", "8080", "admin.demo", "false");
        SettingRules.checkAll(k -> resolved.getOrDefault(k, p.getProperty(k)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sender.concurrency|0|sender.concurrency = '0': must be from 1 to 1000",
            "sender.concurrency|lots|sender.concurrency = 'lots': not a whole number; use one from 1 to 1000",
            "jobs.poll-interval|1s|jobs.poll-interval = '1s': not a number of milliseconds",
            "jobs.lease|banana|jobs.lease = 'banana': not a duration; use 250ms, 30s",
            "sender.on-uncertain|maybe|sender.on-uncertain = 'maybe': must be fail, resend, check",
            "didww.base-url|sms-out.didww.com|didww.base-url = 'sms-out.didww.com': must be an http(s) URL",
            "db.url|postgres://db/sms|db.url = 'postgres://db/sms': a JDBC URL of H2",
            "routes.reload|yes|routes.reload = 'yes': must be true, false",
            "management.port|99999|management.port = '99999': must be from 0 to 65535"})
    void aBadValueIsNamedWithWhatIsAllowed(String key, String value, String message) throws Exception {
        Properties p = shipped();
        Map<String, String> resolved = new java.util.HashMap<>(Map.of("management.port", "8080", "admin.demo", "false"));
        resolved.put(key, value);
        assertThatThrownBy(() -> SettingRules.checkAll(k -> resolved.getOrDefault(k, p.getProperty(k))))
                .hasMessageStartingWith(message);
    }
}
