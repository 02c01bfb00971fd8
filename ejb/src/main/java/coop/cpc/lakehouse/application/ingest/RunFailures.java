package coop.cpc.lakehouse.application.ingest;

import jakarta.batch.runtime.context.JobContext;
import java.util.logging.Logger;

/**
 * Makes a failing run say why: the exit status of the job execution (what {@code jobExecutions}
 * shows) becomes the failure's message, which names the source and what is wrong. Exit statuses are
 * stored in a bounded column, so the message is cut to fit.
 */
final class RunFailures {
    static final int MAX_EXIT_STATUS = 500;
    private static final Logger LOG = Logger.getLogger(RunFailures.class.getName());

    private RunFailures() {
    }

    /** Sets the exit status and returns the exception, for the caller to throw. */
    static <E extends Throwable> E explain(JobContext job, String what, E e) {
        String message = what + ": " + describe(e);
        job.setExitStatus(message.length() > MAX_EXIT_STATUS ? message.substring(0, MAX_EXIT_STATUS - 1) + "…" : message);
        LOG.warning(() -> "Ingestion execution " + job.getExecutionId() + " " + message);
        return e;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += " (" + cause.getMessage() + ")";
        }
        return message;
    }
}
