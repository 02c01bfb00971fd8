package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.testing.CapturedLog;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.LogRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamRunnerFailureTest {
    private CapturedLog log;
    private List<LogRecord> records;

    /** An engine whose every start fails with the error the supplier makes (before the engine is built). */
    private static final class FailingStart implements StreamRunner.EngineFactory {
        final AtomicInteger starts = new AtomicInteger();
        final Supplier<RuntimeException> error;
        volatile String lastError;

        FailingStart(Supplier<RuntimeException> error) {
            this.error = error;
        }

        @Override
        public Properties properties() {
            starts.incrementAndGet();
            throw error.get();
        }

        @Override
        public DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> consumer(StreamMetrics metrics) {
            throw new AssertionError("no engine is built");
        }

        @Override
        public void errorChanged(String error) {
            lastError = error;
        }
    }

    @BeforeEach
    void captureLog() {
        log = CapturedLog.of(StreamRunner.class);
        records = log.records();
    }

    @AfterEach
    void releaseLog() {
        log.close();
    }

    /** A runner whose engine stops at a change it may not skip, started and FAILED. */
    private static StreamRunner failedAtAChangeItMayNotSkip(FailingStart factory) throws InterruptedException {
        StreamRunner runner = new StreamRunner("orders", factory, task -> task);
        runner.start(Thread::new);
        waitFor(() -> runner.state() == CdcStreamState.FAILED);
        return runner;
    }

    private static FailingStart aNewColumnWithAnUnacceptedName() {
        return new FailingStart(() -> new UnacceptedColumnNameFailure("sales", "public.orders", "Bad Name"));
    }

    @Test
    void aChangeTheStreamMayNotSkipStopsItOnceLoggedOnceAndKeepsTheErrorForTheOperator() throws Exception {
        FailingStart factory = aNewColumnWithAnUnacceptedName();
        StreamRunner runner = failedAtAChangeItMayNotSkip(factory);
        try {
            // Past the first two back-offs (1 s, 2 s): a retried failure would have started twice more.
            Thread.sleep(StreamRunner.MIN_BACKOFF_MS * 3 + 500);

            assertThat(factory.starts).hasValue(1);
            assertThat(runner.state()).isEqualTo(CdcStreamState.FAILED);
            assertThat(runner.lastError()).contains("table public.orders has a new column 'Bad Name'");
            assertThat(factory.lastError).isEqualTo(runner.lastError());
            assertThat(records).hasSize(1);
            assertThat(records.get(0).getMessage()).contains("stays FAILED until restartCdcStream");
            assertThat(records.get(0).getThrown()).isInstanceOf(UnacceptedColumnNameFailure.class);
        } finally {
            runner.stop(5_000);
        }
        assertThat(runner.state()).isEqualTo(CdcStreamState.STOPPED);
    }

    @Test
    void aStreamStoppedByAChangeItMayNotSkipStartsAgainWhenRestarted() throws Exception {
        FailingStart factory = aNewColumnWithAnUnacceptedName();
        StreamRunner runner = failedAtAChangeItMayNotSkip(factory);
        try {
            runner.stop(5_000);
            assertThat(runner.state()).isEqualTo(CdcStreamState.STOPPED);

            runner.start(Thread::new);
            waitFor(() -> factory.starts.get() == 2);
        } finally {
            runner.stop(5_000);
        }
    }

    @Test
    void aRetriedFailureIsLoggedWithItsCauseOnceAndInOneLinePerRetryAfter() throws Exception {
        FailingStart factory = new FailingStart(() -> new IllegalStateException("Connection to 10.0.0.5:5432 refused"));
        StreamRunner runner = new StreamRunner("orders", factory, task -> task);
        try {
            runner.start(Thread::new);
            waitFor(() -> factory.starts.get() >= 3);
        } finally {
            runner.stop(5_000);
        }

        assertThat(records).hasSizeGreaterThanOrEqualTo(2);
        assertThat(records.get(0).getThrown()).isInstanceOf(IllegalStateException.class);
        assertThat(records.subList(1, records.size())).allSatisfy(later -> {
            assertThat(later.getThrown()).isNull();
            assertThat(later.getMessage()).contains("failed again").contains("Connection to 10.0.0.5:5432 refused");
        });
    }

    @Test
    void aDifferentFailureIsLoggedWithItsCauseAgain() throws Exception {
        AtomicInteger made = new AtomicInteger();
        FailingStart factory = new FailingStart(
                () -> new IllegalStateException(made.incrementAndGet() == 1 ? "first reason" : "second reason"));
        StreamRunner runner = new StreamRunner("orders", factory, task -> task);
        try {
            runner.start(Thread::new);
            waitFor(() -> factory.starts.get() >= 2 && records.size() >= 2);
        } finally {
            runner.stop(5_000);
        }

        assertThat(records.get(0).getThrown()).hasMessage("first reason");
        assertThat(records.get(1).getThrown()).hasMessage("second reason");
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long until = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waited 20 s").isLessThan(until);
            Thread.sleep(10);
        }
    }
}
