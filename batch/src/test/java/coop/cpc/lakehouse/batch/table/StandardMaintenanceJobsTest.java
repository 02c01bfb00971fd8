package coop.cpc.lakehouse.batch.table;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.batch.operator.FakeJobOperator;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchStatus;
import java.util.Date;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StandardMaintenanceJobsTest {
    private static final long SERVER_STARTED = 1_800_000_000_000L;

    @Test
    void aCompactionCreatedBeforeTheServerStartedWasCutOffByACrashAndIsNotRunning() {
        assertThat(StandardMaintenanceJobs.runsInThisServer(new Date(SERVER_STARTED - 1), SERVER_STARTED))
                .isFalse();
    }

    @Test
    void aCompactionCreatedSinceTheServerStartedIsRunning() {
        assertThat(StandardMaintenanceJobs.runsInThisServer(new Date(SERVER_STARTED), SERVER_STARTED))
                .isTrue();
        assertThat(StandardMaintenanceJobs.runsInThisServer(new Date(SERVER_STARTED + 60_000), SERVER_STARTED))
                .isTrue();
    }

    @Test
    void aCompactionTheRuntimeEndedIsNotRunningWhileTheRepositoryStillListsIt() {
        UUID asset = UUID.randomUUID();
        FakeJobOperator runtime = new FakeJobOperator().listedRunning(7, BatchStatus.COMPLETED, compactionOf(asset));

        assertThat(maintenance(runtime).runningCompaction(asset)).isEmpty();
    }

    @Test
    void aCompactionTheRuntimeRunsIsRunning() {
        UUID asset = UUID.randomUUID();
        FakeJobOperator runtime = new FakeJobOperator()
                .listedRunning(7, BatchStatus.FAILED, compactionOf(asset))
                .listedRunning(8, BatchStatus.STARTED, compactionOf(UUID.randomUUID()))
                .listedRunning(9, BatchStatus.STOPPING, compactionOf(asset));

        assertThat(maintenance(runtime).runningCompaction(asset)).isEqualTo(OptionalLong.of(9));
    }

    private static Properties compactionOf(UUID asset) {
        Properties parameters = new Properties();
        parameters.setProperty(StandardMaintenanceJobs.ASSET_ID, asset.toString());
        return parameters;
    }

    private static StandardMaintenanceJobs maintenance(FakeJobOperator runtime) {
        JobOperator operator = runtime.operator();
        return new StandardMaintenanceJobs() {
            @Override
            protected JobOperator operator() {
                return operator;
            }
        };
    }
}
