package coop.cpc.lakehouse.application.ingest;

import jakarta.batch.runtime.context.JobContext;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Makes a failing run say why: the exit status of the job execution (what {@code jobExecutions}
 * shows) becomes the failure's message, which names the source and what is wrong. Exit statuses are
 * stored in a bounded column, so the message is cut to fit.
 */
final class RunFailures {
    static final int MAX_EXIT_STATUS = 500;
    private static final Logger LOG = Logger.getLogger(RunFailures.class.getName());
    /** A qualified Java class name, with the ": " that follows it in a toString(). */
    private static final Pattern JAVA_CLASS =
            Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*(?::\\s*)?");

    private RunFailures() {
    }

    /** Sets the exit status and returns the exception, for the caller to throw. */
    static <E extends Throwable> E explain(JobContext job, String what, E e) {
        String message = what + ": " + clean(describe(e));
        job.setExitStatus(message.length() > MAX_EXIT_STATUS ? message.substring(0, MAX_EXIT_STATUS - 1) + "…" : message);
        LOG.log(java.util.logging.Level.WARNING, "Ingestion execution " + job.getExecutionId() + " " + message, e);
        return e;
    }

    /**
     * Without Java class names (a message like {@code java.io.IOException: disk full} keeps
     * {@code disk full}) and without the server's own folders: an exit status is for operators and
     * clients, the log has the rest.
     */
    static String clean(String message) {
        String cleaned = JAVA_CLASS.matcher(message).replaceAll("");
        for (String property : new String[] {"jboss.server.base.dir", "jboss.home.dir", "user.dir"}) {
            String dir = System.getProperty(property);
            if (dir != null && dir.length() > 1) {
                cleaned = cleaned.replace(dir, "<server>");
            }
        }
        return cleaned.isBlank() ? "an internal error (see the server log)" : cleaned.strip();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = "an internal error (see the server log)";
        }
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += " (" + cause.getMessage() + ")";
        }
        return message;
    }
}
