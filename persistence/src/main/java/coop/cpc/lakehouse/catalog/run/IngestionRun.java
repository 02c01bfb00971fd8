package coop.cpc.lakehouse.catalog.run;

import coop.cpc.lakehouse.catalog.CatalogTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One Jakarta Batch execution of an ingestion job. The batch job repository keeps the execution's
 * status and metrics; this row ties it to the catalog's job and says why it ran.
 */
@Entity
@Table(name = "ingestion_runs")
public class IngestionRun {

    @Id
    @Column(name = "execution_id", nullable = false, updatable = false)
    private long executionId;

    @Column(name = "job_instance_id", nullable = false, updatable = false)
    private long jobInstanceId;

    @Column(name = "job_id", nullable = false, updatable = false)
    private UUID jobId;

    @Enumerated(EnumType.STRING)
    @Column(name = "run_trigger", nullable = false, updatable = false)
    private RunTrigger trigger;

    @Column(name = "restart_of", updatable = false)
    private Long restartOf;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "committed_at")
    private Instant committedAt;

    /** For JPA only. */
    protected IngestionRun() {}

    /** @param restartOf the execution this one restarts, or null */
    public IngestionRun(long executionId, long jobInstanceId, UUID jobId, RunTrigger trigger, Long restartOf) {
        this.executionId = executionId;
        this.jobInstanceId = jobInstanceId;
        this.jobId = Objects.requireNonNull(jobId, "jobId");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        this.restartOf = restartOf;
        this.startedAt = CatalogTime.now();
    }

    public long getExecutionId() {
        return executionId;
    }

    public long getJobInstanceId() {
        return jobInstanceId;
    }

    public UUID getJobId() {
        return jobId;
    }

    public RunTrigger getTrigger() {
        return trigger;
    }

    public Long getRestartOf() {
        return restartOf;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    /**
     * When the run's commit transaction ran (with or without rows), or null if it has not. A restart that committed
     * before its own row was recorded leaves the mark on the newest earlier execution of its job instance.
     */
    public Instant getCommittedAt() {
        return committedAt;
    }

    /** Marks the run committed; called in its commit transaction. */
    public void committed(Instant at) {
        this.committedAt = Objects.requireNonNull(at, "at");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IngestionRun run && executionId == run.executionId;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(executionId);
    }

    @Override
    public String toString() {
        return "IngestionRun[execution " + executionId + " of job " + jobId + ", " + trigger + "]";
    }
}
