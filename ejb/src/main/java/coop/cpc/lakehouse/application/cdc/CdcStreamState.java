package coop.cpc.lakehouse.application.cdc;

import java.util.EnumSet;
import java.util.Set;

/**
 * The live state of a stream's engine, with the moves it may make (as Debezium's own async engine
 * checks its state): a move not listed is a bug and is refused.
 */
public enum CdcStreamState {
    /** Known to the catalog, no engine (not started since deployment, or stopped). */
    STOPPED,
    /** The engine is being built and connects. */
    STARTING,
    /** The engine streams (or takes its initial snapshot). */
    RUNNING,
    /** Asked to stop; the engine closes. */
    STOPPING,
    /**
     * The engine ended with an error; it is started again after a bounded back-off, unless the error is one the
     * stream cannot get past by itself (a change it may not skip, a transaction too large to hold): then it stays
     * FAILED until stopped or restarted.
     */
    FAILED;

    private Set<CdcStreamState> next() {
        return switch (this) {
            case STOPPED -> EnumSet.of(STARTING);
            case STARTING -> EnumSet.of(RUNNING, STOPPING, FAILED);
            case RUNNING -> EnumSet.of(STOPPING, FAILED);
            case STOPPING -> EnumSet.of(STOPPED, FAILED);
            case FAILED -> EnumSet.of(STARTING, STOPPING);
        };
    }

    public boolean canMoveTo(CdcStreamState target) {
        return next().contains(target);
    }

    /** @throws IllegalStateException when the move is not allowed */
    public CdcStreamState moveTo(CdcStreamState target) {
        if (!canMoveTo(target)) {
            throw new IllegalStateException("a CDC stream cannot move from " + this + " to " + target);
        }
        return target;
    }
}
