package coop.cpc.lakehouse.application.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void concurrentItemsAreWrittenInFewerWritesThanItemsEachExactlyOnceAndInQueueOrderWithinAWrite() throws Exception {
        List<List<Integer>> writes = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer> commit = new GroupCommit<>(64, 16, group -> {
            Thread.sleep(5); // a commit's round trip: items queue up behind it
            writes.add(List.copyOf(group));
        });
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * 1000;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        commit.submit(base + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Integer> all = writes.stream().flatMap(List::stream).toList();
        assertEquals(threads * perThread, all.size());
        assertEquals(threads * perThread, Set.copyOf(all).size());
        assertTrue(writes.size() < threads * perThread / 2, "writes: " + writes.size());
        assertTrue(writes.stream().allMatch(w -> w.size() <= 16));
        // One thread's items keep their order: they were queued one after another.
        for (int t = 0; t < threads; t++) {
            int base = t * 1000;
            List<Integer> mine =
                    all.stream().filter(i -> i / 1000 == base / 1000).toList();
            for (int i = 1; i < mine.size(); i++) {
                assertTrue(mine.get(i - 1) < mine.get(i));
            }
        }
    }

    @Test
    void aCallerReturnsOnlyAfterTheWriteHoldingItsItemHasFinished() throws Exception {
        CountDownLatch writeStarted = new CountDownLatch(1);
        CountDownLatch releaseWrite = new CountDownLatch(1);
        Set<Integer> written = ConcurrentHashMap.newKeySet();
        GroupCommit<Integer> commit = new GroupCommit<>(8, 8, group -> {
            writeStarted.countDown();
            releaseWrite.await();
            written.addAll(group);
        });
        CountDownLatch returned = new CountDownLatch(1);
        Thread caller = new Thread(() -> {
            commit.submit(7);
            returned.countDown();
        });
        caller.start();
        assertTrue(writeStarted.await(10, TimeUnit.SECONDS));
        assertFalse(returned.await(200, TimeUnit.MILLISECONDS), "returned before its write finished");
        releaseWrite.countDown();
        assertTrue(returned.await(10, TimeUnit.SECONDS));
        assertEquals(Set.of(7), written);
        caller.join();
    }

    @Test
    void aFailedGroupIsRetriedOneByOneSoOnlyTheBadItemsCallerFails() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        List<Integer> written = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        GroupCommit<Integer> commit = new GroupCommit<>(8, 8, group -> {
            if (writes.incrementAndGet() == 1) {
                firstWriteStarted.countDown();
                othersQueued.await(); // the next group gathers the good and the bad item
            }
            if (group.contains(-1)) {
                throw new IllegalArgumentException("bad item");
            }
            written.addAll(group);
        });
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> first = pool.submit(() -> commit.submit(1));
            assertTrue(firstWriteStarted.await(10, TimeUnit.SECONDS));
            Future<?> good = pool.submit(() -> commit.submit(2));
            Future<?> bad = pool.submit(() -> commit.submit(-1));
            Thread.sleep(200);
            othersQueued.countDown();
            first.get(10, TimeUnit.SECONDS);
            good.get(10, TimeUnit.SECONDS);
            Exception failure = assertThrows(Exception.class, () -> bad.get(10, TimeUnit.SECONDS));
            assertEquals("bad item", failure.getCause().getMessage());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(1, 2), written.stream().sorted().toList());
    }

    @Test
    void aFailureReachesTheCallerAndTheNextItemIsWrittenAgain() {
        AtomicInteger calls = new AtomicInteger();
        GroupCommit<String> commit = new GroupCommit<>(4, 4, group -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database down");
            }
        });
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> commit.submit("a"));
        assertEquals("database down", failure.getMessage());
        commit.submit("b");
        assertEquals(2, calls.get());
    }

    @Test
    void theItemsOfOneSubmissionAreWrittenTogetherInOneWriteEvenBeyondTheGroupSize() {
        List<List<Integer>> writes = new ArrayList<>();
        GroupCommit<Integer> commit = new GroupCommit<>(8, 1, group -> writes.add(List.copyOf(group)));

        commit.submitAll(List.of(1, 2, 3));
        commit.submit(4);

        assertEquals(List.of(List.of(1, 2, 3), List.of(4)), writes);
    }

    @Test
    void aFailedGroupIsWrittenAgainOneSubmissionAtATimeSoABadItemFailsOnlyItsOwnSubmission() throws Exception {
        List<List<Integer>> writes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstWriting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer> commit = new GroupCommit<>(8, 8, group -> {
            if (group.contains(0)) {
                firstWriting.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            if (group.contains(-1)) {
                throw new IllegalStateException("bad item");
            }
            writes.add(List.copyOf(group));
        });
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> first = pool.submit(() -> commit.submit(0));
            assertTrue(firstWriting.await(10, TimeUnit.SECONDS));
            Future<?> good = pool.submit(() -> commit.submitAll(List.of(1, 2)));
            Future<?> bad = pool.submit(() -> commit.submitAll(List.of(3, -1)));
            Thread.sleep(100); // both queued behind the first write
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            good.get(10, TimeUnit.SECONDS);
            Exception failure = assertThrows(Exception.class, () -> bad.get(10, TimeUnit.SECONDS));
            assertTrue(failure.getCause() instanceof IllegalStateException, String.valueOf(failure));
        } finally {
            pool.shutdownNow();
        }
        assertTrue(writes.contains(List.of(1, 2)), "writes: " + writes);
        assertFalse(writes.stream().anyMatch(w -> w.contains(3)), "writes: " + writes);
    }
}
