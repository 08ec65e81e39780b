package io.smsbridge.core.directory;

import io.smsbridge.core.phone.NumberFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one lookup of our numbers, as carriers, users and the platform write them. */
class DirectoryTest {

    static SmsNumber number(String e164, String org, String integration, String country) {
        return new SmsNumber(e164, org, integration, country, null, Duration.ZERO, NumberFormat.fromConfig(null), null,
                null, List.of("101@" + org + ".example"));
    }

    static final Directory DIR = new Directory(Map.of(), Map.of(), Map.of(
            "+19179056077", number("+19179056077", "acme", "acme-didww", "US"),
            "+37052000000", number("+37052000000", "acme", "acme-didww", "LT"),
            "+442071838750", number("+442071838750", "other", "other-thinq", "GB")), Map.of());

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource(nullValues = "<none>", textBlock = """
            +19179056077,     acme,  +19179056077
            19179056077,      acme,  +19179056077
            %2B19179056077,   acme,  +19179056077
            9179056077,       acme,  +19179056077
            (917) 905-6077,   acme,  +19179056077
            +1 917 905 6077,  acme,  +19179056077
            852000000,        acme,  +37052000000
            +442071838750,    acme,  <none>
            +442071838750,    other, +442071838750
            02071838750,      other, +442071838750
            '',               acme,  <none>
            <none>,           acme,  <none>
            +15550000000,     acme,  <none>
            """)
    void findsOurNumberHoweverItIsWrittenWithinItsScope(String written, String org, String expected) {
        SmsNumber n = DIR.numberFor(written, candidate -> candidate.organizationId().equals(org));
        assertThat(n == null ? null : n.number()).isEqualTo(expected);
    }
}
