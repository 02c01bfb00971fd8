package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.table.StorageNotOwnedException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The text a failed engine leaves in a stream's {@code lastError}. Debezium's own message often
 * names only what it tried ("Unable to create filtered publication …"); the source database's
 * reason ("must be owner of table order_lines") is a cause further down. That reason is what a
 * user fixes, so it is added; only a database's message is, never other causes (they may name
 * classes or files of the server).
 */
final class EngineFailureText {
    /** Causes followed at most (a cycle or a very deep chain stops the search). */
    private static final int MAX_DEPTH = 16;

    private EngineFailureText() {}

    /**
     * @return the message of a {@link UserFacingStreamFailure} or of a refused segment write ({@link
     *     StorageNotOwnedException}: the segment folder is another catalog's) among the error's causes (written for the
     *     user); else the error's message with its source database's reason, or {@code fallback}
     */
    static String of(Throwable error, String fallback) {
        String notOwned = StorageNotOwnedException.causing(error)
                .map(Throwable::getMessage)
                .orElse(null);
        if (notOwned != null) {
            return notOwned;
        }
        String ours = userFacing(error);
        if (ours != null) {
            return ours;
        }
        if (error == null || error.getMessage() == null) {
            return fallback;
        }
        String text = error.getMessage();
        String reason = databaseReason(error);
        return reason == null || text.contains(reason) ? text : text + ": " + reason;
    }

    /**
     * @return whether a {@link StreamHaltingFailure} is among the error's causes: the stream cannot get past it by
     *     itself, so it is not started again until an operator acts
     */
    static boolean halts(Throwable error) {
        return firstCause(error, StreamHaltingFailure.class) != null;
    }

    /** The message of the first {@link UserFacingStreamFailure} among the causes, if any. */
    private static String userFacing(Throwable error) {
        UserFacingStreamFailure ours = firstCause(error, UserFacingStreamFailure.class);
        return ours == null ? null : ours.getMessage();
    }

    /** The first cause of the type (with a message, the error itself included), or null. */
    private static <T extends Throwable> T firstCause(Throwable error, Class<T> type) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < MAX_DEPTH && seen.add(cause); depth++) {
            if (type.isInstance(cause) && cause.getMessage() != null) {
                return type.cast(cause);
            }
            cause = cause.getCause();
        }
        return null;
    }

    /** The first line of the deepest SQLException's message among the causes, if any. */
    private static String databaseReason(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        String reason = null;
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < MAX_DEPTH && seen.add(cause); depth++) {
            if (cause instanceof SQLException && cause.getMessage() != null) {
                String firstLine =
                        cause.getMessage().lines().findFirst().orElse("").strip();
                if (!firstLine.isEmpty()) {
                    reason = firstLine;
                }
            }
            cause = cause.getCause();
        }
        return reason;
    }
}
