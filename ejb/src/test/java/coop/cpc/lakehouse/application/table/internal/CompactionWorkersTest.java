package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The compaction's pool runs what the merge waits for (decoding) before queued encoding. */
class CompactionWorkersTest {

    @Test
    void anUrgentTaskRunsBeforeLaterTasksQueuedBeforeIt() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(4);
        try (CompactionWorkers workers = new CompactionWorkers(1)) {
            occupyTheOnlyThread(workers, () -> {
                await(release);
                ran.add("first");
                done.countDown();
            });
            workers.later().execute(() -> {
                ran.add("encode 1");
                done.countDown();
            });
            workers.later().execute(() -> {
                ran.add("encode 2");
                done.countDown();
            });
            workers.urgent().execute(() -> {
                ran.add("decode");
                done.countDown();
            });
            release.countDown();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(ran).containsExactly("first", "decode", "encode 1", "encode 2");
    }

    @Test
    void aClosedPoolRefusesTasksAndDropsTheQueuedOnes() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        CompactionWorkers workers = new CompactionWorkers(1);
        occupyTheOnlyThread(workers, () -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                stopped.countDown();
            }
        });
        workers.later().execute(() -> ran.add("queued"));
        workers.close();
        assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> workers.urgent().execute(() -> ran.add("late")))
                .isInstanceOf(RejectedExecutionException.class);
        Thread.sleep(50);
        assertThat(ran).isEmpty();
    }

    @Test
    void everyProcessorGetsAThreadWhenThereAreMoreColumns() throws Exception {
        int processors = Runtime.getRuntime().availableProcessors();
        int columns = processors + 3;
        CountDownLatch all = new CountDownLatch(processors);
        CountDownLatch release = new CountDownLatch(1);
        try (CompactionWorkers workers = new CompactionWorkers(columns)) {
            for (int i = 0; i < processors; i++) {
                workers.urgent().execute(() -> {
                    all.countDown();
                    await(release);
                });
            }
            // Every processor's thread takes one of the blocking tasks at once.
            assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
        }
    }

    /** Runs {@code task} on the one-thread pool and returns once it started, so that what follows queues. */
    private static void occupyTheOnlyThread(CompactionWorkers workers, Runnable task) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        workers.later().execute(() -> {
            started.countDown();
            task.run();
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
