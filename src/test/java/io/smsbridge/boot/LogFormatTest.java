package io.smsbridge.boot;

import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped log configuration: log.format picks dated text lines or Log4j2's JSON template layout. */
class LogFormatTest {

    @AfterEach
    void clear() {
        System.clearProperty("smsbridge.log.format");
    }

    static Map<String, Appender> rootAppenders(String format) {
        System.setProperty("smsbridge.log.format", format);
        LoggerContext ctx = Configurator.initialize("log-format-" + format, "classpath:log4j2.properties");
        try {
            return Map.copyOf(ctx.getConfiguration().getRootLogger().getAppenders());
        } finally {
            Configurator.shutdown(ctx);
        }
    }

    @Test
    void textLinesAreDatedInIso8601() {
        Map<String, Appender> appenders = rootAppenders("text");
        assertThat(appenders).containsOnlyKeys("text");
        assertThat(((PatternLayout) appenders.get("text").getLayout()).getConversionPattern())
                .startsWith("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}");
    }

    @Test
    void jsonIsLog4jsOwnTemplateLayout() {
        Map<String, Appender> appenders = rootAppenders("json");
        assertThat(appenders).containsOnlyKeys("json");
        assertThat(appenders.get("json").getLayout()).isInstanceOf(JsonTemplateLayout.class);
    }

    /** A line about a message, as the flows log it with the logging context set. */
    static org.apache.logging.log4j.core.LogEvent aboutAMessage() {
        org.apache.logging.log4j.util.SortedArrayStringMap context = new org.apache.logging.log4j.util.SortedArrayStringMap();
        context.putValue("message.id", "01a2-msg");
        context.putValue("integration", "acme-didww");
        return org.apache.logging.log4j.core.impl.Log4jLogEvent.newBuilder().setLoggerName("io.smsbridge.flow.X")
                .setLevel(org.apache.logging.log4j.Level.WARN)
                .setMessage(new org.apache.logging.log4j.message.SimpleMessage("failed at didww"))
                .setContextData(context).build();
    }

    @Test
    void aTextLineAboutAMessageNamesItsIntegrationAndId() {
        String line = ((PatternLayout) rootAppenders("text").get("text").getLayout()).toSerializable(aboutAMessage());
        assertThat(line).endsWith(" WARN  [" + Thread.currentThread().getName()
                + "] i.s.f.X [acme-didww 01a2-msg] - failed at didww\n");
    }

    @Test
    void aJsonLineAboutAMessageHasItsIntegrationAndIdAsFields() throws Exception {
        String line = ((JsonTemplateLayout) rootAppenders("json").get("json").getLayout()).toSerializable(aboutAMessage());
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
        assertThat(json.get("message.id").asText()).isEqualTo("01a2-msg");
        assertThat(json.get("integration").asText()).isEqualTo("acme-didww");
        assertThat(json.get("message").asText()).isEqualTo("failed at didww");
    }

    @Test
    void theDefaultIsInTheSettings() {
        assertThat(new BootSettings(Map.of()).require("log.format")).isEqualTo("text");
    }
}
