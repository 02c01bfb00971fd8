package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.table.MaintenanceJobs;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compactAsset} starts no second compaction of an asset while one runs: each would rewrite the whole asset
 * at once, and all but one would lose the commit race and throw their copy away. The running one's id comes back.
 */
class OneCompactionPerAssetTest {
    @TempDir
    Path root;

    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final RecordingMaintenanceJobs jobs = new RecordingMaintenanceJobs();

    @Test
    void aCompactionRequestWhileOneRunsAnswersWithTheRunningExecution() throws Exception {
        DefaultTableService service = TableServiceFixture.wired(catalog, new SegmentFiles(root), Map.of());
        service.maintenance = jobs;
        DataAsset asset = TableServiceFixture.keyedAccounts(catalog);

        long first = service.startCompaction(asset.getId());
        jobs.running.put(asset.getId(), first);
        long second = service.startCompaction(asset.getId());

        assertThat(second).isEqualTo(first);
        assertThat(jobs.compactions).containsExactly(asset.getId());

        jobs.running.remove(asset.getId());
        assertThat(service.startCompaction(asset.getId())).as("once it ended").isNotEqualTo(first);
        assertThat(jobs.compactions).hasSize(2);
    }

    @Test
    void twoCompactionRequestsAtOnceStartOneCompaction() throws Exception {
        DefaultTableService service = TableServiceFixture.wired(catalog, new SegmentFiles(root), Map.of());
        ChecksTogether together = new ChecksTogether();
        service.maintenance = together;
        DataAsset asset = TableServiceFixture.keyedAccounts(catalog);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Long> first = threads.submit(() -> service.startCompaction(asset.getId()));
            Future<Long> second = threads.submit(() -> service.startCompaction(asset.getId()));

            assertThat(List.of(first.get(), second.get())).containsOnly(1L);
            assertThat(together.started).containsExactly(asset.getId());
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Jobs whose check for a running compaction answers only after the other request's check (up to a bound, as a
     * request kept waiting for the first one's start never arrives): without one lock over check and start, both
     * checks see none running and both start one.
     */
    private static final class ChecksTogether implements MaintenanceJobs {
        final List<UUID> started = Collections.synchronizedList(new ArrayList<>());
        private final Map<UUID, Long> running = new ConcurrentHashMap<>();
        private final CountDownLatch bothChecking = new CountDownLatch(2);

        @Override
        public long startCompaction(UUID assetId) {
            started.add(assetId);
            long execution = started.size();
            running.put(assetId, execution);
            return execution;
        }

        @Override
        public OptionalLong runningCompaction(UUID assetId) {
            Long execution = running.get(assetId);
            // Answers only once the other request has looked too (or could not, being kept out until this one's start).
            bothChecking.countDown();
            try {
                bothChecking.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return execution == null ? OptionalLong.empty() : OptionalLong.of(execution);
        }

        @Override
        public long startSnapshotExpiry() {
            throw new UnsupportedOperationException();
        }
    }
}
