package coop.cpc.lakehouse.application.cdc;

/**
 * Why a stream's engine ended, written for the stream's user: its message names what to fix and holds no
 * password, class name or server path, so {@link EngineFailureText} shows it in {@code lastError} even
 * when Debezium wraps it in exceptions of its own.
 */
abstract class UserFacingStreamFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserFacingStreamFailure(String message) {
        super(message);
    }
}
