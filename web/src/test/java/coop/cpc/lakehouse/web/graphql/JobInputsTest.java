package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.job.IngestionJobChanges;
import coop.cpc.lakehouse.application.job.NewIngestionJob;
import coop.cpc.lakehouse.application.source.files.FileDropSettings;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import coop.cpc.lakehouse.web.graphql.dto.FileDropSourceInput;
import coop.cpc.lakehouse.web.graphql.dto.IngestionJobInput;
import coop.cpc.lakehouse.web.graphql.dto.IngestionJobUpdateInput;
import coop.cpc.lakehouse.web.graphql.dto.SledSourceInput;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobInputsTest {
    private static final String ASSET = "7d1f6c2e-1b7a-4f57-9a4e-3c1de0f6a8b1";
    private static final FileDropSourceInput FILE_DROP = new FileDropSourceInput("/data/drop", "*.csv", null, null);

    @Test
    void mapsANewJob() throws InvalidInputException {
        IngestionJobInput input = new IngestionJobInput(
                "visits",
                ASSET,
                5,
                2_000,
                coop.cpc.lakehouse.web.graphql.dto.ScheduleKind.CRON,
                "0 2 * * *",
                null,
                null,
                null,
                FILE_DROP);
        assertThat(JobInputs.newJob(input))
                .isEqualTo(new NewIngestionJob(
                        "visits",
                        new FileDropSettings("/data/drop", "*.csv", null, null),
                        UUID.fromString(ASSET),
                        5,
                        2_000,
                        ScheduleKind.CRON,
                        "0 2 * * *"));
    }

    @Test
    void leavesDefaultsToTheService() throws InvalidInputException {
        SledSourceInput sled = new SledSourceInput("/data/sled", null, "vitals", "raw", null, null);
        NewIngestionJob job =
                JobInputs.newJob(new IngestionJobInput("vitals", null, null, null, null, null, null, sled, null, null));
        assertThat(job.targetAssetId()).isNull();
        assertThat(job.maxErrors()).isNull();
        assertThat(job.chunkSize()).isNull();
        assertThat(job.schedule()).isNull();
    }

    @Test
    void namesABadTargetAssetId() {
        IngestionJobInput input =
                new IngestionJobInput("visits", "asset-1", null, null, null, null, null, null, null, FILE_DROP);
        assertThatThrownBy(() -> JobInputs.newJob(input))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("targetAssetId 'asset-1' is not an id (a UUID)");
    }

    @Test
    void newJobValidatesExactlyOneSource() {
        IngestionJobInput input =
                new IngestionJobInput("visits", ASSET, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> JobInputs.newJob(input))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("give exactly one of postgresTable, sled, httpApi, fileDrop; got none");
    }

    @Test
    void mapsChangesLeavingOutWhatIsNotGiven() throws InvalidInputException {
        IngestionJobUpdateInput input = new IngestionJobUpdateInput(
                3L,
                null,
                null,
                null,
                500,
                coop.cpc.lakehouse.web.graphql.dto.ScheduleKind.INTERVAL,
                "PT15M",
                null,
                null,
                null,
                null);
        assertThat(JobInputs.changes(input))
                .isEqualTo(new IngestionJobChanges(3, null, null, null, null, 500, ScheduleKind.INTERVAL, "PT15M"));
    }

    @Test
    void changesNeedTheExpectedVersion() {
        IngestionJobUpdateInput input =
                new IngestionJobUpdateInput(null, "renamed", null, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> JobInputs.changes(input))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("expectedVersion is required");
    }
}
