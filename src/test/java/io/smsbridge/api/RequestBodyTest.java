package io.smsbridge.api;

import org.apache.camel.Exchange;
import org.apache.camel.converter.stream.InputStreamCache;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBodyTest {

    private static final DefaultCamelContext CONTEXT = new DefaultCamelContext();
    private static final String TEXT = "{\"text\":\"Grüße 👋\"}";

    @AfterAll
    static void close() throws Exception {
        CONTEXT.close();
    }

    private static Exchange with(Object body) {
        Exchange exchange = new DefaultExchange(CONTEXT);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void readsAStreamAsUtf8WhenTheRequestNamesNoCharset() {
        Exchange exchange = with(new ByteArrayInputStream(TEXT.getBytes(StandardCharsets.UTF_8)));
        assertThat(RequestBody.text(exchange)).isEqualTo(TEXT);
    }

    @Test
    void readsPastWhatTheStreamSaidWasAvailable() {
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        for (int available : new int[] {0, 1, 5, bytes.length - 1, bytes.length}) {
            InputStream stream = new FilterInputStream(new ByteArrayInputStream(bytes)) {
                @Override
                public int available() {
                    return available;
                }
            };
            assertThat(RequestBody.text(with(stream))).as("available %d", available).isEqualTo(TEXT);
        }
    }

    @Test
    void usesTheCharsetTheRequestNamed() {
        Exchange exchange = with(new ByteArrayInputStream("Grüße".getBytes(StandardCharsets.ISO_8859_1)));
        exchange.setProperty(Exchange.CHARSET_NAME, "ISO-8859-1");
        assertThat(RequestBody.text(exchange)).isEqualTo("Grüße");
    }

    @Test
    void anUnknownCharsetFallsBackToUtf8() {
        Exchange exchange = with(new ByteArrayInputStream(TEXT.getBytes(StandardCharsets.UTF_8)));
        exchange.setProperty(Exchange.CHARSET_NAME, "no-such-charset");
        assertThat(RequestBody.text(exchange)).isEqualTo(TEXT);
    }

    @Test
    void aCachedStreamCanBeReadAgain() {
        InputStreamCache cache = new InputStreamCache(TEXT.getBytes(StandardCharsets.UTF_8));
        Exchange exchange = with(cache);
        assertThat(RequestBody.text(exchange)).isEqualTo(TEXT);
        assertThat(RequestBody.text(exchange)).isEqualTo(TEXT);
    }

    @Test
    void stringsBytesAndNoBody() {
        assertThat(RequestBody.text(with(TEXT))).isEqualTo(TEXT);
        assertThat(RequestBody.text(with(TEXT.getBytes(StandardCharsets.UTF_8)))).isEqualTo(TEXT);
        assertThat(RequestBody.text(with(null))).isNull();
    }
}
