package com.zoomfactor.backend.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Every log event of this JVM (the test server runs in it) while open: to check what was, and was not, logged. */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    public CapturedLogs() {
        setContext(root.getLoggerContext());
        start();
        root.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        events.add(event);
    }

    public List<String> accessLines() {
        return events.stream().filter(e -> e.getLoggerName().equals("zoomfactor.access"))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    public List<String> errors() {
        return events.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
    }

    /** Every message with its exception's, if any. */
    public List<String> lines() {
        return events.stream().map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
