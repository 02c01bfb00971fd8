package coop.cpc.lakehouse.batch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.ingest.IngestRow;
import coop.cpc.lakehouse.application.ingest.IngestionRunService;
import coop.cpc.lakehouse.ingest.ReadStoppedException;
import coop.cpc.lakehouse.ingest.RowSink;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.StepContext;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A stop request reaches a read that is in the middle of a long scan: the reader hands Batch an
 * item that carries nothing (so Batch, which checks for a stop after each item, ends the step
 * STOPPED at once) and reads no further.
 */
class StopDuringAReadTest {

    @Test
    void aStopDuringASlowReadEndsTheReadPromptlyAndReadsNoFurther() throws Exception {
        AtomicReference<BatchStatus> status = new AtomicReference<>(BatchStatus.STARTED);
        AtomicInteger reads = new AtomicInteger();
        SourceItemReader reader = new SourceItemReader();
        reader.job = BatchContexts.job(status::get);
        reader.step = (StepContext) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {StepContext.class}, (proxy, method, args) -> null);
        reader.service = (IngestionRunService) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {IngestionRunService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("open")) {
                        return new SlowSource((BooleanSupplier) args[3], reads);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        reader.open(null);
        Thread stopper = new Thread(() -> {
            sleep(200);
            status.set(BatchStatus.STOPPING);
        });
        stopper.start();

        long start = System.nanoTime();
        Object item = reader.readItem();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(item).isSameAs(IngestRow.NOTHING);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(reader.readItem()).isSameAs(IngestRow.NOTHING);
        assertThat(reads.get()).isEqualTo(1);
        stopper.join();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A read that would take a minute: a scan that looks at the stop flag between records. */
    private static final class SlowSource extends ScriptedSource {
        private final BooleanSupplier stopRequested;
        private final AtomicInteger reads;

        SlowSource(BooleanSupplier stopRequested, AtomicInteger reads) {
            super(null, List.of(), "file:/big.csv");
            this.stopRequested = stopRequested;
            this.reads = reads;
        }

        @Override
        public boolean readNext(RowSink sink) throws Exception {
            reads.incrementAndGet();
            for (int record = 0; record < 6000; record++) {
                Thread.sleep(10);
                if (stopRequested.getAsBoolean()) {
                    throw new ReadStoppedException("reading big.csv");
                }
            }
            return false;
        }

        @Override
        public Serializable checkpoint() {
            return null;
        }
    }
}
