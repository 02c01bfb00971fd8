package coop.cpc.lakehouse.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records a class's logger publishes while this is open (any thread): a test's view of the server log. Records
 * below the logger's level (INFO unless set) are not published, so not captured.
 */
public final class CapturedLog implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private CapturedLog(Logger logger) {
        this.logger = logger;
        logger.addHandler(handler);
    }

    /** Captures what the logger named after {@code loggingClass} publishes, until closed. */
    public static CapturedLog of(Class<?> loggingClass) {
        return new CapturedLog(Logger.getLogger(loggingClass.getName()));
    }

    /** The records published so far, in order. */
    public List<LogRecord> records() {
        return records;
    }

    /** The messages of the records published so far, in order, as logged (not formatted). */
    public List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
