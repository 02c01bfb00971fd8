package coop.cpc.lakehouse.batch.table;

import jakarta.annotation.PostConstruct;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Starts the {@code orphan-segment-cleanup} job (its batchlet asks the application's
 * {@code OrphanSegmentCleanup} to remove orphan segment files) at deployment, after the catalog
 * migration, and hourly.
 */
@Singleton
@Startup
@DependsOn("lakehouse-ejb.jar#CatalogStartup")
public class OrphanSegmentCleanupSchedule {
    static final String JOB = "orphan-segment-cleanup";
    private static final Logger LOG = Logger.getLogger(OrphanSegmentCleanupSchedule.class.getName());

    /** After a crash, the first thing to clean is what the crash left. */
    @PostConstruct
    void atStartup() {
        hourly();
    }

    @Schedule(hour = "*", minute = "17", timezone = "UTC", persistent = false)
    public void hourly() {
        long execution = BatchRuntime.getJobOperator().start(JOB, new Properties());
        LOG.fine(() -> "Started " + JOB + " execution " + execution);
    }
}
