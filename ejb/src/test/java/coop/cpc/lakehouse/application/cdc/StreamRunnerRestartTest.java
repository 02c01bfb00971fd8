package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class StreamRunnerRestartTest {
    private static final long SHORT_STOP_MS = 100;

    /** An engine start that outlasts the stop timeout and ignores interrupts, as Debezium creating a slot does. */
    private static final class SlowStart implements StreamRunner.EngineFactory {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger starts = new AtomicInteger();

        @Override
        public Properties properties() throws SourceEndpoint.RefusedException {
            if (starts.incrementAndGet() == 1) {
                boolean released = false;
                while (!released) {
                    try {
                        released = release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException ignored) {
                        // Like a JDBC call that does not answer interrupts.
                    }
                }
            }
            throw new SourceEndpoint.RefusedException("source refused");
        }

        @Override
        public DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> consumer(StreamMetrics metrics) {
            throw new AssertionError("no engine is built");
        }

        @Override
        public void errorChanged(String error) {}
    }

    @Test
    void aStartWhileTheOldEngineIsStillStoppingStartsTheStreamOnceItHasStopped() throws InterruptedException {
        SlowStart factory = new SlowStart();
        StreamRunner runner = new StreamRunner("orders", factory, task -> task);
        try {
            runner.start(Thread::new);
            waitFor(() -> factory.starts.get() == 1);
            runner.stop(SHORT_STOP_MS);
            assertThat(runner.state()).isEqualTo(CdcStreamState.STOPPING);

            runner.start(Thread::new);
            factory.release.countDown();

            waitFor(() -> factory.starts.get() == 2);
            assertThat(runner.state()).isIn(CdcStreamState.STARTING, CdcStreamState.FAILED);
        } finally {
            factory.release.countDown();
            runner.stop(5_000);
        }
        assertThat(runner.state()).isEqualTo(CdcStreamState.STOPPED);
    }

    @Test
    void aStopAfterSuchAStartStillStopsTheStream() throws InterruptedException {
        SlowStart factory = new SlowStart();
        StreamRunner runner = new StreamRunner("orders", factory, task -> task);
        runner.start(Thread::new);
        waitFor(() -> factory.starts.get() == 1);
        runner.stop(SHORT_STOP_MS);
        runner.start(Thread::new);
        runner.stop(SHORT_STOP_MS);
        factory.release.countDown();

        waitFor(() -> runner.state() == CdcStreamState.STOPPED);
        Thread.sleep(200);
        assertThat(factory.starts).hasValue(1);
        assertThat(runner.state()).isEqualTo(CdcStreamState.STOPPED);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waited 10 s").isLessThan(until);
            Thread.sleep(10);
        }
    }
}
