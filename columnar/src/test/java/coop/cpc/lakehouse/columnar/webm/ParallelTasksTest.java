package coop.cpc.lakehouse.columnar.webm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParallelTasksTest {

    @Test
    void tasksStartByFallingCostAndTheResultsStayInIndexOrder() throws Exception {
        long[] cost = {1, 5, 2, 9, 2, 7};
        assertThat(ParallelTasks.startOrder(6, cost)).containsExactly(3, 5, 1, 2, 4, 0);
        assertThat(ParallelTasks.startOrder(4, null)).containsExactly(0, 1, 2, 3);

        List<Integer> started = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch bothThreadsBusy = new CountDownLatch(2);
        List<Integer> results = ParallelTasks.run(2, 6, cost, i -> {
            started.add(i);
            bothThreadsBusy.countDown();
            try {
                // Neither thread takes a second task before the other has taken its first.
                bothThreadsBusy.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return i * 10;
        });
        assertThat(results).containsExactly(0, 10, 20, 30, 40, 50);
        // The two threads' first tasks are the two costliest.
        assertThat(started.subList(0, 2)).containsExactlyInAnyOrder(3, 5);
    }
}
