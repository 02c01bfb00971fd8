package coop.cpc.lakehouse.application.cdc;

import jakarta.ejb.ApplicationException;

/**
 * A failure a stream cannot get past by itself (a change it may not skip, a transaction larger than the server may
 * hold): starting the engine again would stop at the same change. The stream stays {@code FAILED} with the message
 * in {@code lastError} until an operator acts ({@code restartCdcStream}, a server restart, or deleting the stream).
 *
 * <p>An application exception, so that the EJB container hands it to the engine as it is instead of logging it as a
 * system exception (WFLYEJB0034, a stack trace on every start); it still rolls back the transaction it ends.
 */
@ApplicationException(rollback = true)
abstract class StreamHaltingFailure extends UserFacingStreamFailure {
    private static final long serialVersionUID = 1L;

    StreamHaltingFailure(String message) {
        super(message);
    }
}
