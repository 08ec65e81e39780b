package io.smsbridge.e2e;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every log event of the running JVM while open, rendered by the configured file layout (the one
 * operators read), with its stack trace if it has one.
 */
final class LogCapture implements AutoCloseable {

    record Line(String level, String logger, String text, boolean stackTrace) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Appender appender;
    private final LoggerConfig root;

    LogCapture() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        Layout<? extends Serializable> layout = config.getAppender("file").getLayout();
        appender = new AbstractAppender("capture", null, layout, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                String text = new String(layout.toByteArray(event), java.nio.charset.StandardCharsets.UTF_8);
                lines.add(new Line(event.getLevel().name(), event.getLoggerName(), text, event.getThrown() != null));
            }
        };
        appender.start();
        root = config.getRootLogger();
        root.addAppender(appender, null, null);
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    void clear() {
        lines.clear();
    }

    @Override
    public void close() {
        root.removeAppender("capture");
        appender.stop();
    }
}
