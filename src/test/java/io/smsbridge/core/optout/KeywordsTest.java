package io.smsbridge.core.optout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeywordsTest {

    static final Keywords CTIA = Keywords.of(Map.of("stop-words", "STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT",
            "start-words", "START, UNSTOP, YES", "help-words", "HELP, INFO", "stop-reply", "You are unsubscribed.",
            "start-reply", "off", "help-reply", "Reply STOP to stop."));

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", " Stop ", "StopAll", "unsubscribe", "CANCEL", "end", "quit\n"})
    void theStopWordsStop(String text) {
        assertThat(CTIA.match(text)).isEqualTo(Keyword.STOP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"START", "unstop", "Yes"})
    void theStartWordsStart(String text) {
        assertThat(CTIA.match(text)).isEqualTo(Keyword.START);
    }

    @ParameterizedTest
    @ValueSource(strings = {"please stop", "STOP!", "stop it", "", "  ", "Don't stop", "STOPP", "helpful"})
    void onlyTheWholeMessageIsAKeyword(String text) {
        assertThat(CTIA.match(text)).isNull();
    }

    @Test
    void repliesMayBeOff() {
        assertThat(CTIA.reply(Keyword.STOP)).isEqualTo("You are unsubscribed.");
        assertThat(CTIA.reply(Keyword.START)).isEmpty();
        assertThat(CTIA.match("info")).isEqualTo(Keyword.HELP);
    }

    @Test
    void aNumberChangesItsOwnListsAndReplies() {
        Keywords k = CTIA.with(Map.of("stop-words", "STOP, ARRET", "help-reply", ""));
        assertThat(k.match("arret")).isEqualTo(Keyword.STOP);
        assertThat(k.match("quit")).isNull();
        assertThat(k.reply(Keyword.HELP)).isEmpty();
        assertThat(k.reply(Keyword.STOP)).isEqualTo("You are unsubscribed.");
    }

    @Test
    void unknownSettingsAndDoubleMeaningsAreRefused() {
        assertThatThrownBy(() -> CTIA.with(Map.of("stop-word", "STOP"))).hasMessageContaining("unknown opt-out setting 'stop-word'");
        assertThatThrownBy(() -> CTIA.with(Map.of("start-words", "STOP"))).hasMessageContaining("'STOP' is in two lists");
    }
}
