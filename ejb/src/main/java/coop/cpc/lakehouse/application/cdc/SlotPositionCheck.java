package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.ingest.postgres.CdcSourceDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Checks on the source that a stream's replication slot still holds the stream's committed position (a COMMIT,
 * or the end of its snapshot): the slot exists and its confirmed position is not past it. A stream handed its offset without
 * {@code lsn_proc} ({@link ResumeOffset}) depends on it: Debezium then checks neither, and PostgreSQL starts
 * a slot that moved on (dropped and created again, advanced by hand) from the slot's own position, silently
 * skipping the changes between. A slot that cannot be checked (source unreachable, login refused) is refused
 * like a moved one: a start without the check could lose changes.
 */
final class SlotPositionCheck {

    /** Asks the source for a slot's confirmed position (empty: no such slot). */
    @FunctionalInterface
    interface ConfirmedPositions {
        Optional<Long> of(String slot) throws SQLException;
    }

    /** The slot is missing, moved past the committed COMMIT, or could not be checked: the start must not go on. */
    static final class RefusedException extends UserFacingStreamFailure {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    private final String slot;
    private final ConfirmedPositions source;

    SlotPositionCheck(String slot, ConfirmedPositions source) {
        this.slot = slot;
        this.source = source;
    }

    /** The check of {@code slot} on the stream's source, over a short connection of its own per check. */
    static SlotPositionCheck onSource(String slot, SourceEndpoint endpoint) {
        return new SlotPositionCheck(slot, s -> {
            try (Connection c = endpoint.connect()) {
                return CdcSourceDatabase.confirmedFlushLsn(c, s);
            }
        });
    }

    /**
     * Checks the slot when the stored offset is one Debezium resumes from unchecked
     * ({@link ResumeOffset#unvalidatedLsn}); any other offset (or none) Debezium checks itself.
     *
     * @param storedOffset the committed offset JSON, or null when there is none
     * @throws RefusedException when the slot is missing, has moved past the committed COMMIT, or cannot be checked
     */
    void requireFor(String storedOffset) {
        Long committed = ResumeOffset.unvalidatedLsn(storedOffset);
        if (committed != null) {
            require(committed);
        }
    }

    /** @throws RefusedException when the slot is missing, past {@code committedLsn}, or cannot be checked */
    void require(long committedLsn) {
        Long confirmed;
        try {
            confirmed = source.of(slot).orElse(null);
        } catch (SQLException e) {
            throw new RefusedException("cannot check replication slot " + slot + ": " + reason(e)
                    + "; the stream does not start unchecked (docs/cdc.md)");
        }
        if (confirmed == null) {
            throw new RefusedException("the replication slot " + slot
                    + " is missing on the source: the changes after the stream's committed position cannot be"
                    + " read (docs/cdc.md)");
        }
        if (confirmed > committedLsn) {
            throw new RefusedException("the replication slot " + slot
                    + " was moved past the stream's committed position: the changes between would be lost"
                    + " (docs/cdc.md)");
        }
    }

    /** The database's reason, first line only (pgjdbc names host, port, user or database; never a password). */
    private static String reason(SQLException e) {
        String message = e.getMessage() == null
                ? ""
                : e.getMessage().lines().findFirst().orElse("").strip();
        return message.isEmpty() ? "SQLState " + e.getSQLState() : message;
    }
}
