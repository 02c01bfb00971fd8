package coop.cpc.lakehouse.application.table;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * How a failed task that read or wrote a segment file fails its caller: with the IOException the task
 * wrapped in an {@link UncheckedIOException} to cross the executor, its own runtime exception or error,
 * or anything else wrapped in an IOException.
 */
public final class SegmentTaskFailures {

    private SegmentTaskFailures() {}

    /**
     * @param cause what the task threw (the cause of the future's ExecutionException or CompletionException)
     * @return the IOException for the caller to throw
     * @throws RuntimeException when the task threw one other than an UncheckedIOException
     * @throws Error when the task threw one
     */
    public static IOException toIOException(Throwable cause) {
        if (cause instanceof UncheckedIOException io) {
            return io.getCause();
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause);
    }
}
