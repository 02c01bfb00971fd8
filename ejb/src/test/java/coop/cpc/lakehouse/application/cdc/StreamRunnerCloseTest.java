package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamRunnerCloseTest {

    /** Like Debezium's async engine: refuses to close while its tasks are starting. */
    private static Closeable startingFor(int refusals, AtomicInteger calls) {
        return () -> {
            if (calls.incrementAndGet() <= refusals) {
                throw new IllegalStateException("Cannot stop engine while tasks are starting");
            }
        };
    }

    @Test
    void anEngineWhoseTasksAreStartingIsAskedAgainUntilItCloses() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(StreamRunner.close(startingFor(3, calls), 10_000)).isTrue();
        assertThat(calls).hasValue(4);
    }

    @Test
    void anEngineThatNeverClosesIsGivenUpAfterTheTimeout() {
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        assertThat(StreamRunner.close(startingFor(Integer.MAX_VALUE, calls), 300))
                .isFalse();
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(300L, 5_000L);
        assertThat(calls.get()).isGreaterThan(1);
    }
}
