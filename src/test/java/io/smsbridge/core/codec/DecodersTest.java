package io.smsbridge.core.codec;

import io.smsbridge.core.refusal.MalformedRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The strict decoders and field rules the edges share, one rule at a time. */
class DecodersTest {

    @Test
    void formValuesAreDecodedOnceAndKeepWhatTheyEncode() {
        assertThat(FormFields.parse("message=50%25+off&x=a%26from%3DBANK&e=%F0%9F%91%8D", StandardCharsets.UTF_8,
                "form body")).containsExactly(java.util.Map.entry("message", "50% off"),
                java.util.Map.entry("x", "a&from=BANK"), java.util.Map.entry("e", "👍"));
    }

    @Test
    void latin1FormsAreDecodedInTheirCharset() {
        assertThat(FormFields.parse("t=caf%E9", StandardCharsets.ISO_8859_1, "form body")).containsEntry("t", "café");
    }

    @ParameterizedTest
    @ValueSource(strings = {"t=50%", "t=%zz", "t=%2", "t=%FF", "t=%C0%AF", "t=%ED%A0%80", "t=a&t=b", "t=\u00e9",
        "a%0Ab=1"})
    void badFormsAreRefusedNamingTheField(String form) {
        assertThatThrownBy(() -> FormFields.parse(form, StandardCharsets.UTF_8, "form body"))
                .isInstanceOf(MalformedRequest.class).hasMessageContaining("field");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}}", "{} {}", "{\"a\":1,\"a\":2}", "{\"a\":", "{\"a\":\"\\ud800\"}",
        "{\"a\":\"\\u0000\"}", "{'a':1}"})
    void badJsonIsRefusedInPlainWords(String json) {
        assertThatThrownBy(() -> StrictJson.read(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isInstanceOf(MalformedRequest.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainIgnoringCase("jackson")
                        .doesNotContain("Exception").doesNotContain("StreamReadConstraints"));
    }

    @Test
    void jsonDepthIsLimited() {
        String deep = "[".repeat(StrictJson.MAX_DEPTH + 1) + "]".repeat(StrictJson.MAX_DEPTH + 1);
        assertThatThrownBy(() -> StrictJson.read(deep.getBytes(StandardCharsets.UTF_8), null))
                .hasMessageContaining("nested deeper than 32");
        String ok = "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH);
        assertThat(StrictJson.read(ok.getBytes(StandardCharsets.UTF_8), null)).isNotNull();
    }

    @Test
    void invalidUtf8InJsonIsRefused() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'};
        assertThatThrownBy(() -> StrictJson.read(body, StandardCharsets.UTF_8)).hasMessageContaining("UTF-8");
    }

    @Test
    void emojiPairsAreTextButHalfPairsAreNot() {
        assertThat(FieldRules.text("text", "ok 😊\n\tline")).isEqualTo("ok 😊\n\tline");
        assertThatThrownBy(() -> FieldRules.text("text", "a\ud83d")).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> FieldRules.text("text", "a\u0007")).hasMessageContaining("control");
        assertThatThrownBy(() -> FieldRules.identifier("from", "ACME\r\nX", 64)).hasMessageContaining("control");
        assertThatThrownBy(() -> FieldRules.identifier("from", "x".repeat(65), 64)).hasMessageContaining("at most 64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "file:///etc/passwd", "ftp://a.example/x", "//a.example/x",
        "https:///x", "http://a b/x", "data:image/png;base64,AA"})
    void onlyHttpUrlsWithAHostArePictures(String url) {
        assertThatThrownBy(() -> FieldRules.url("media url", url)).isInstanceOf(MalformedRequest.class);
    }

    @Test
    void httpUrlsArePictures() {
        assertThat(FieldRules.url("u", "https://cdn.example/a.jpg?x=1")).isEqualTo("https://cdn.example/a.jpg?x=1");
    }
}
