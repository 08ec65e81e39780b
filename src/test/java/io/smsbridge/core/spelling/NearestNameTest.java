package io.smsbridge.core.spelling;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NearestNameTest {

    static final List<String> KEYS = List.of("db.url", "db.user", "db.password", "directory.file", "stickiness");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "<none>", textBlock = """
            db.ulr,          db.url
            db.usr,          db.user
            DB.URL,          db.url
            db.pasword,      db.password
            directory.files, directory.file
            stickness,       stickiness
            colour,          <none>
            """)
    void aTypoFindsTheKeyItMeant(String given, String nearest) {
        assertThat(NearestName.of(given, KEYS)).isEqualTo(nearest);
    }

    @ParameterizedTest
    @CsvSource({"abc, abc, 0", "abc, acb, 1", "kitten, sitting, 3", "'', abc, 3"})
    void distanceCountsEdits(String a, String b, int d) {
        assertThat(NearestName.distance(a, b)).isEqualTo(d);
    }
}
