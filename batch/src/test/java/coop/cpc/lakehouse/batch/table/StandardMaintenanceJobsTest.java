package coop.cpc.lakehouse.batch.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
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
}
