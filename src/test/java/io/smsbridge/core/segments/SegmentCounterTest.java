package io.smsbridge.core.segments;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SegmentCounterTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("empty", "", Encoding.GSM7, 0, 1),
                arguments("plain", "Hello", Encoding.GSM7, 5, 1),
                arguments("160 GSM-7 fit one", "a".repeat(160), Encoding.GSM7, 160, 1),
                arguments("161 GSM-7 need two", "a".repeat(161), Encoding.GSM7, 161, 2),
                arguments("306 GSM-7 = 2x153", "a".repeat(306), Encoding.GSM7, 306, 2),
                arguments("307 GSM-7 need three", "a".repeat(307), Encoding.GSM7, 307, 3),
                arguments("GSM-7 accents stay 7-bit", "Café über à la carte", Encoding.GSM7, 20, 1),
                arguments("extension chars take two septets", "€".repeat(80), Encoding.GSM7, 160, 1),
                arguments("81 euros overflow", "€".repeat(81), Encoding.GSM7, 162, 2),
                arguments("escape pair not split across parts", "a".repeat(152) + "{" + "a".repeat(152), Encoding.GSM7, 306, 3),
                arguments("all extension chars", "^{}\\[~]|€", Encoding.GSM7, 18, 1),
                arguments("UCS-2 for Cyrillic", "Привет", Encoding.UCS2, 6, 1),
                arguments("70 UCS-2 fit one", "ж".repeat(70), Encoding.UCS2, 70, 1),
                arguments("71 UCS-2 need two", "ж".repeat(71), Encoding.UCS2, 71, 2),
                arguments("134 UCS-2 = 2x67", "ж".repeat(134), Encoding.UCS2, 134, 2),
                arguments("emoji is two UCS-2 units", "😊", Encoding.UCS2, 2, 1),
                arguments("35 emoji fit one", "😊".repeat(35), Encoding.UCS2, 70, 1),
                arguments("surrogate pair not split across parts", "a".repeat(66) + "😊" + "a".repeat(66), Encoding.UCS2, 134, 3),
                arguments("one emoji makes all UCS-2", "a".repeat(100) + "😊", Encoding.UCS2, 102, 2),
                arguments("255 parts is the limit", "a".repeat(153 * 255), Encoding.GSM7, 153 * 255, 255),
                arguments("256 parts", "a".repeat(153 * 255 + 1), Encoding.GSM7, 153 * 255 + 1, 256));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void countsPartsLikeAnSmsc(String name, String text, Encoding encoding, int units, int parts) {
        Segments s = SegmentCounter.count(text);
        assertThat(s.encoding()).isEqualTo(encoding);
        assertThat(s.units()).isEqualTo(units);
        assertThat(s.parts()).isEqualTo(parts);
        assertThat(s.exceedsLimit()).isEqualTo(parts > 255);
    }
}
