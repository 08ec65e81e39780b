package io.smsbridge.core.segments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class GsmLookalikesTest {

    @ParameterizedTest(name = "U+{0} becomes ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            2018 | '
            2019 | '
            201A | '
            201B | '
            2032 | '
            02BC | '
            00B4 | '
            0060 | '
            201C | "
            201D | "
            201E | "
            201F | "
            2033 | "
            00AB | "
            00BB | "
            2010 | -
            2011 | -
            2012 | -
            2013 | -
            2014 | -
            2015 | -
            2212 | -
            2026 | ...
            00A0 | ~ ~
            2002 | ~ ~
            2003 | ~ ~
            2004 | ~ ~
            2005 | ~ ~
            2006 | ~ ~
            2007 | ~ ~
            2008 | ~ ~
            2009 | ~ ~
            200A | ~ ~
            202F | ~ ~
            205F | ~ ~
            3000 | ~ ~
            200B | ~~
            200C | ~~
            200D | ~~
            2060 | ~~
            FEFF | ~~
            00AD | ~~
            FF01 | !
            FF21 | A
            FF41 | a
            FF10 | 0
            FF1F | ?
            FF5E | ~~~~
            """)
    void eachLookalikeHasItsGsmCharacter(String hex, String expected) {
        char c = (char) Integer.parseInt(hex, 16);
        assertThat(GsmLookalikes.replacement(c)).isEqualTo(expected == null ? "" : expected);
        assertThat(SegmentCounter.count(GsmLookalikes.apply("x" + c + "y")).encoding()).isEqualTo(Encoding.GSM7);
    }

    @Test
    void everyEntryOfTheTableIsGsm7() {
        GsmLookalikes.TABLE.forEach((c, r) -> assertThat(SegmentCounter.isGsm7(r)).as("U+%04X", (int) c).isTrue());
        assertThat(GsmLookalikes.TABLE).hasSize(42);
    }

    @Test
    void aCurlyQuoteNoLongerTriplesThePrice() {
        String typed = "We\u2019re open \u2013 see you at 9\u2026 \u201CThanks\u201D " + "x".repeat(120);
        assertThat(SegmentCounter.count(typed).encoding()).isEqualTo(Encoding.UCS2);
        assertThat(SegmentCounter.count(typed).parts()).isEqualTo(3);
        String sent = GsmLookalikes.apply(typed);
        assertThat(sent).startsWith("We're open - see you at 9... \"Thanks\" ");
        assertThat(SegmentCounter.count(sent).parts()).isEqualTo(1);
    }

    @Test
    void aMessageThatNeedsUcs2AnywayIsLeftAsWritten() {
        String text = "We\u2019re open \uD83D\uDE00";
        assertThat(GsmLookalikes.apply(text)).isEqualTo(text);
        assertThat(GsmLookalikes.apply("plain")).isEqualTo("plain");
        assertThat(GsmLookalikes.apply(null)).isNull();
    }
}
