package coop.cpc.lakehouse.batch.ingest;

import coop.cpc.lakehouse.application.ClientText;
import coop.cpc.lakehouse.application.ingest.RunStepException;
import coop.cpc.lakehouse.application.table.StorageNotOwnedException;
import coop.cpc.lakehouse.ingest.http.SecretQueryParameters;
import jakarta.batch.runtime.context.JobContext;
import java.util.List;
import java.util.logging.Logger;

/**
 * Makes a failing run say why: the exit status of the job execution (what {@code jobExecutions}
 * shows) becomes the failure's message, which names the source and what is wrong. Exit statuses are
 * stored in a bounded column, so the message is cut to fit.
 */
final class RunFailures {
    static final int MAX_EXIT_STATUS = 500;
    private static final Logger LOG = Logger.getLogger(RunFailures.class.getName());

    private RunFailures() {}

    /** Sets the exit status and returns the exception, for the caller to throw. */
    static <E extends Throwable> E explain(JobContext job, String what, E e) {
        String message = what + ": " + describe(e);
        job.setExitStatus(fitted(message));
        // A stack trace holds the messages unmasked: left out when one of them names a credential.
        boolean traced = !SecretQueryParameters.namedInMessages(e);
        LOG.log(
                java.util.logging.Level.WARNING,
                "Ingestion execution " + job.getExecutionId() + " " + message
                        + (traced ? "" : " (its stack trace is not logged: its messages name a credential)"),
                traced ? e : null);
        return e;
    }

    /** An exit status cut to what the job repository's column holds. */
    static String fitted(String exitStatus) {
        return exitStatus.length() > MAX_EXIT_STATUS ? exitStatus.substring(0, MAX_EXIT_STATUS - 1) + "…" : exitStatus;
    }

    /**
     * The failure in words a client may see: no class names, no paths of the server's installation, and no credential
     * (an old or hand-written source definition's JDBC URL may hold a password).
     */
    static String describe(Throwable failure) {
        // A refused segment write says what to fix on its own, however deep the writers wrapped it.
        java.util.Optional<StorageNotOwnedException> notOwned = StorageNotOwnedException.causing(failure);
        if (notOwned.isPresent()) {
            return notOwned.get().getMessage();
        }
        // The run service hands its failures over in a checked wrapper: what failed is its cause.
        Throwable e = failure instanceof RunStepException && failure.getCause() != null ? failure.getCause() : failure;
        List<String> hidden = ClientText.serverPaths();
        String message = ClientText.plain(SecretQueryParameters.maskedIn(e.getMessage()), hidden);
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null) {
            String because = ClientText.plain(SecretQueryParameters.maskedIn(cause.getMessage()), hidden);
            if (!message.contains(because)) {
                message += " (" + because + ")";
            }
        }
        return message;
    }
}
