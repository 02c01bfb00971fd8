package coop.cpc.lakehouse.application.table.internal;

import static coop.cpc.lakehouse.application.table.internal.TableServiceFixture.ID_AND_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.table.CompactionDeferral;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compaction a commit starts once an asset has {@code compaction_change_segments} change segments waits while
 * the asset's writer is catching up ({@link CompactionDeferral}), up to the bound, and starts with the first commit
 * after the writer has caught up.
 */
class CatchingUpCompactionTriggerTest {
    private static final int THRESHOLD = 2;
    private static final int BOUND = CompactionDeferral.BOUND_FACTOR * THRESHOLD;

    @TempDir
    Path root;

    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final CompactionDeferral deferral = new CompactionDeferral();
    private final RecordingMaintenanceJobs jobs = new RecordingMaintenanceJobs();
    private DefaultTableService service;
    private DataAsset asset;

    @Test
    void anAssetWhoseWriterCatchesUpIsCompactedOnlyAtTheBound() throws Exception {
        setUp();
        deferral.catchingUp(List.of(asset.getId()), true);
        service.appendText(asset.getId(), ID_AND_NAME, List.of(List.of("0", "base")));
        int changes = 0;
        for (int i = 1; jobs.compactions.isEmpty() && i <= 4 * BOUND; i++) {
            service.upsertText(asset.getId(), ID_AND_NAME, List.of(List.of(Integer.toString(i), "v" + i)));
            changes = service.changeSegments.counted(asset.getId()).changes();
            if (changes < BOUND) {
                assertThat(jobs.compactions)
                        .as("%d change segments, writer catching up", changes)
                        .isEmpty();
            }
        }
        assertThat(changes).isGreaterThanOrEqualTo(BOUND);
        assertThat(jobs.compactions).containsExactly(asset.getId());
    }

    @Test
    void theFirstCommitAfterTheWriterCaughtUpStartsTheCompaction() throws Exception {
        setUp();
        deferral.catchingUp(List.of(asset.getId()), true);
        service.appendText(asset.getId(), ID_AND_NAME, List.of(List.of("0", "base")));
        for (int i = 1; service.changeSegments.counted(asset.getId()).changes() < THRESHOLD; i++) {
            service.upsertText(asset.getId(), ID_AND_NAME, List.of(List.of(Integer.toString(i), "v" + i)));
        }
        assertThat(jobs.compactions).isEmpty();

        deferral.catchingUp(List.of(asset.getId()), false);
        service.upsertText(asset.getId(), ID_AND_NAME, List.of(List.of("100", "caught up")));

        assertThat(jobs.compactions).containsExactly(asset.getId());
    }

    private void setUp() throws Exception {
        service = TableServiceFixture.wired(
                catalog,
                new SegmentFiles(root),
                Map.of("data_lakehouse.compaction_change_segments", Integer.toString(THRESHOLD)));
        service.deferral = deferral;
        service.maintenance = jobs;
        asset = TableServiceFixture.keyedAccounts(catalog);
    }
}
