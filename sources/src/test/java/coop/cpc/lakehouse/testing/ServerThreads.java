package coop.cpc.lakehouse.testing;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Runs test work under the limits of the server's threads, so a test proves what a server thread can do. */
public final class ServerThreads {

    /** The stack size of the server's batch and request threads. */
    public static final long STACK_BYTES = 1024 * 1024;

    private ServerThreads() {}

    /**
     * Runs the work on a thread with a 1 MiB stack, as the server's batch and request threads have, and
     * returns its result; fails the test if the work threw (a {@link StackOverflowError} among others).
     */
    public static <T> T onOneMebibyteStack(Supplier<T> work) throws InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(
                null,
                () -> {
                    try {
                        result.set(work.get());
                    } catch (RuntimeException | Error e) {
                        failure.set(e);
                    }
                },
                "one-mebibyte-stack",
                STACK_BYTES);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError("the work failed on a 1 MiB stack: " + failure.get(), failure.get());
        }
        return result.get();
    }
}
