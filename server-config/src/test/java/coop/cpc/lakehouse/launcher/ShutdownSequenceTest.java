package coop.cpc.lakehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownSequenceTest {
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final ShutdownSequence sequence =
            new ShutdownSequence(new PrintStream(output, true, StandardCharsets.UTF_8));
    private final List<String> stopped = new CopyOnWriteArrayList<>();

    @Test
    void stopsInTheReverseOrderOfStartingWhicheverStartFinishesFirst() throws Exception {
        CountDownLatch databaseMayFinish = new CountDownLatch(1);
        CompletableFuture<String> database =
                CompletableFuture.supplyAsync(() -> startQuietly("database", databaseMayFinish));
        awaitStartsInProgress(1);
        sequence.start("server", () -> "server", stopped::add);
        databaseMayFinish.countDown();
        database.get(10, TimeUnit.SECONDS);

        sequence.stopAll();

        assertThat(stopped).containsExactly("server", "database");
        assertThat(output.toString(StandardCharsets.UTF_8))
                .isEqualTo("Stopping the lakehouse...\nStopped.\n".replace("\n", System.lineSeparator()));
    }

    @Test
    void aStopWaitsForAStartInProgressAndStopsWhatItStarted() throws Exception {
        CountDownLatch databaseMayFinish = new CountDownLatch(1);
        CompletableFuture.runAsync(() -> startQuietly("database", databaseMayFinish));
        awaitStartsInProgress(1);

        CompletableFuture<Void> stop = CompletableFuture.runAsync(sequence::stopAll);
        Thread.sleep(300);
        assertThat(stop).as("the stop waits for the start").isNotDone();
        databaseMayFinish.countDown();
        stop.get(10, TimeUnit.SECONDS);

        assertThat(stopped).containsExactly("database");
    }

    @Test
    void refusesToStartAnythingOnceTheStopHasBegun() throws Exception {
        sequence.stopAll();

        assertThatThrownBy(() -> sequence.start("server", () -> "server", stopped::add))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The lakehouse is stopping: server is not started");
        assertThat(sequence.isStopping()).isTrue();
    }

    @Test
    void aFailingStopIsReportedAndTheOthersStillRun() throws Exception {
        sequence.start("database", () -> "database", stopped::add);
        sequence.start("server", () -> "server", started -> {
            throw new IllegalStateException("management interface unreachable");
        });

        sequence.stopAll();
        sequence.stopAll();

        assertThat(stopped).containsExactly("database");
        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains("Stopping server failed: management interface unreachable");
    }

    @Test
    void aStartThatFailsLeavesNothingToStop() {
        assertThatThrownBy(() -> sequence.<String>start(
                        "server",
                        () -> {
                            throw new IllegalStateException("no such file");
                        },
                        stopped::add))
                .hasMessage("no such file");

        sequence.stopAll();

        assertThat(stopped).isEmpty();
        assertThat(output.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private String startQuietly(String name, CountDownLatch mayFinish) {
        try {
            return sequence.start(
                    name,
                    () -> {
                        mayFinish.await();
                        return name;
                    },
                    stopped::add);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitStartsInProgress(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sequence.startsInProgress() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sequence.startsInProgress()).isEqualTo(count);
    }
}
