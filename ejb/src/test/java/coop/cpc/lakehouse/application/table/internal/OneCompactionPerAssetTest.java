package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import java.nio.file.Path;
import java.util.Map;
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
}
