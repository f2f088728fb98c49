package org.bandura.discord;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records every log event (from the bot and from JDA) while open, to prove what a situation logs. */
final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture() {
    }

    static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.appender.start();
        capture.root.addAppender(capture.appender);
        return capture;
    }

    List<String> lines(Level level) {
        return events().stream().filter(event -> event.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    List<ILoggingEvent> withTrace() {
        return events().stream().filter(event -> event.getThrowableProxy() != null).toList();
    }

    private List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
