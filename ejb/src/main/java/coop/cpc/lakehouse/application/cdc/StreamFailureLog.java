package coop.cpc.lakehouse.application.cdc;

import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the server log says when a stream's engine fails: the first failure with a given text with its stack trace,
 * each retry that ends with the same text in one line (a stream retrying once a minute must not fill the log), and
 * a failure the stream cannot get past ({@link StreamHaltingFailure}) once, saying that it waits for an operator.
 */
final class StreamFailureLog {
    private static final Logger LOG = Logger.getLogger(StreamRunner.class.getName());

    private final String stream;
    private String lastText;
    private int repeats;

    StreamFailureLog(String stream) {
        this.stream = stream;
    }

    /** Logs a failure after which the engine is started again after {@code backoffMs}. */
    void retried(String text, Throwable error, long backoffMs) {
        if (Objects.equals(text, lastText)) {
            repeats++;
            LOG.warning(() -> "CDC stream " + stream + " failed again (" + repeats + " times in a row, the first"
                    + " logged with its cause); next start in " + backoffMs / 1000 + " s: " + text);
            return;
        }
        lastText = text;
        repeats = 1;
        LOG.log(
                Level.WARNING,
                "CDC stream " + stream + " failed; next start in " + backoffMs / 1000 + " s: " + text,
                error);
    }

    /** Logs a failure after which the stream stays FAILED until an operator acts. */
    void halted(String text, Throwable error) {
        lastText = text;
        repeats = 1;
        LOG.log(
                Level.SEVERE,
                "CDC stream " + stream + " failed and is not started again by itself (it would stop at the same"
                        + " change): it stays FAILED until restartCdcStream or a server restart: " + text,
                error);
    }

    /** The engine ran and ended without error, or was stopped: the next failure is logged in full. */
    void cleared() {
        lastText = null;
        repeats = 0;
    }
}
