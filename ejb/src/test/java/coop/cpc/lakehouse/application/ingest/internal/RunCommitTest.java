package coop.cpc.lakehouse.application.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.ingest.RunOutcome;
import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import coop.cpc.lakehouse.application.source.files.FileDropSettings;
import coop.cpc.lakehouse.application.source.registry.SourceSettingsJson;
import coop.cpc.lakehouse.application.table.TableCommits;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.JobStatus;
import coop.cpc.lakehouse.catalog.job.SourceType;
import coop.cpc.lakehouse.catalog.run.IngestionRun;
import coop.cpc.lakehouse.catalog.run.RunTrigger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a run's commit leaves in the catalog when it has staged nothing. */
class RunCommitTest {
    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final RunCommit commit =
            new RunCommit(catalog.runs, null, new TableCommits(), new LakehouseMetrics(new SimpleMeterRegistry()));

    @Test
    void aRunWhoseEveryRecordWasRejectedIsMarkedCommittedSoItsFilesAreNotReadAgain() throws Exception {
        IngestionJob job = new IngestionJob(
                "visits",
                SourceType.FILE_DROP,
                SourceSettingsJson.write(new FileDropSettings("/srv/drops", "*.csv", null, null)),
                UUID.randomUUID(),
                "test");
        catalog.runs.add(new IngestionRun(5, 3, job.getId(), RunTrigger.MANUAL, null));
        catalog.runs.add(new IngestionRun(6, 4, job.getId(), RunTrigger.MANUAL, null));

        RunOutcome outcome = commit.commit(job, 3, 5, 4);

        assertThat(outcome).isEqualTo(new RunOutcome(0, 0, 4));
        assertThat(catalog.snapshotRows).isEmpty();
        assertThat(catalog.runs.committed(3)).isTrue();
        assertThat(catalog.runs.committed(4)).as("a run that has not committed").isFalse();
        assertThat(job.getStatus()).isEqualTo(JobStatus.SUCCEEDED);
    }
}
