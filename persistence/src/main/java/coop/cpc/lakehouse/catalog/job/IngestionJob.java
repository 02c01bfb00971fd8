package coop.cpc.lakehouse.catalog.job;

import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.VersionedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A configured ingestion: a source, the asset it feeds, a schedule, and the state and counters
 * of its latest Jakarta Batch execution.
 *
 * <p>An update writes only the columns it changed ({@link DynamicUpdate}): {@code next_run_at} is also set by
 * {@link IngestionJobRepository#recordNextRun}, which leaves the version as it is, so a change to a job read before
 * that must not write back the next run it read.
 */
@Entity
@Table(name = "ingestion_jobs")
@DynamicUpdate
public class IngestionJob extends VersionedEntity {

    /** Errors tolerated by a run before it fails, unless configured otherwise. */
    public static final int DEFAULT_MAX_ERRORS = 10;

    /** Rows per chunk (and checkpoint) of a run, unless configured otherwise. */
    public static final int DEFAULT_CHUNK_SIZE = 10_000;

    /** The largest chunk a job may ask for (a chunk's rows are held in memory). */
    public static final int MAX_CHUNK_SIZE = 100_000;

    @Column(name = "name", nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_type", nullable = false, updatable = false)
    private SourceType sourceType;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "source_config", nullable = false)
    private String sourceConfig;

    @Column(name = "target_asset_id")
    private UUID targetAssetId;

    @Enumerated(EnumType.STRING)
    @Column(name = "schedule", nullable = false)
    private ScheduleKind schedule;

    @Column(name = "schedule_expression")
    private String scheduleExpression;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private JobStatus status;

    @Column(name = "last_execution_id")
    private Long lastExecutionId;

    @Column(name = "last_run_at")
    private Instant lastRunAt;

    @Column(name = "next_run_at")
    private Instant nextRunAt;

    @Column(name = "rows_ingested", nullable = false)
    private long rowsIngested;

    @Column(name = "error_count", nullable = false)
    private long errorCount;

    @Column(name = "max_errors", nullable = false)
    private int maxErrors;

    @Column(name = "chunk_size", nullable = false)
    private int chunkSize;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "source_state", nullable = false)
    private String sourceState;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    /** For JPA only. */
    protected IngestionJob() {}

    /**
     * A new, manually scheduled job in status PENDING.
     *
     * @param sourceConfigJson source settings as a JSON object; credentials only by alias
     * @param targetAssetId    the asset it feeds, or null until one is created
     * @param createdBy        who created it (pseudonym or principal name)
     */
    public IngestionJob(
            String name, SourceType sourceType, String sourceConfigJson, UUID targetAssetId, String createdBy) {
        super(UUID.randomUUID(), CatalogTime.now());
        this.name = Objects.requireNonNull(name, "name");
        this.sourceType = Objects.requireNonNull(sourceType, "sourceType");
        this.sourceConfig = Objects.requireNonNull(sourceConfigJson, "sourceConfigJson");
        this.targetAssetId = targetAssetId;
        this.schedule = ScheduleKind.MANUAL;
        this.status = JobStatus.PENDING;
        this.maxErrors = DEFAULT_MAX_ERRORS;
        this.chunkSize = DEFAULT_CHUNK_SIZE;
        this.sourceState = "{}";
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
    }

    /** Sets the schedule; INTERVAL and CRON need an expression, the others ignore it. */
    public void schedule(ScheduleKind kind, String expression) {
        Objects.requireNonNull(kind, "kind");
        if (kind.needsExpression() && (expression == null || expression.isBlank())) {
            throw new IllegalArgumentException("A " + kind + " schedule needs an expression");
        }
        this.schedule = kind;
        this.scheduleExpression = kind.needsExpression() ? expression : null;
    }

    /** Records the start of a Jakarta Batch execution: status RUNNING, counters of the run reset. */
    public void started(long executionId, Instant at) {
        this.lastExecutionId = executionId;
        this.lastRunAt = CatalogTime.truncate(Objects.requireNonNull(at, "at"));
        this.status = JobStatus.RUNNING;
        this.rowsIngested = 0;
        this.errorCount = 0;
    }

    /**
     * Records that execution {@code executionId} ended without a commit (stopped, failed): the job takes
     * {@code status} unless a later execution started since (a restart, a schedule tick: execution ids only grow),
     * which owns the status; an older run's late end must not overwrite it. An execution whose start was never
     * recorded (its start failed) is not older than the last recorded one, so its end still shows.
     *
     * @return whether the job took {@code status}
     */
    public boolean ended(long executionId, JobStatus status) {
        Objects.requireNonNull(status, "status");
        if (lastExecutionId != null && lastExecutionId > executionId) {
            return false;
        }
        this.status = status;
        return true;
    }

    /** Records the end of a run: its final status and counters. */
    public void finished(JobStatus status, long rows, long errors) {
        if (rows < 0 || errors < 0) {
            throw new IllegalArgumentException("Counters cannot be negative");
        }
        this.status = Objects.requireNonNull(status, "status");
        this.rowsIngested = rows;
        this.errorCount = errors;
    }

    /** Adds the rows and errors of one committed chunk. */
    public void recordProgress(long rows, long errors) {
        if (rows < 0 || errors < 0) {
            throw new IllegalArgumentException("Progress cannot be negative");
        }
        this.rowsIngested += rows;
        this.errorCount += errors;
    }

    /** Whether the run has exceeded its error budget. */
    public boolean tooManyErrors() {
        return errorCount > maxErrors;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public SourceType getSourceType() {
        return sourceType;
    }

    public String getSourceConfig() {
        return sourceConfig;
    }

    public void setSourceConfig(String sourceConfigJson) {
        this.sourceConfig = Objects.requireNonNull(sourceConfigJson, "sourceConfigJson");
    }

    public UUID getTargetAssetId() {
        return targetAssetId;
    }

    public void setTargetAssetId(UUID targetAssetId) {
        this.targetAssetId = targetAssetId;
    }

    public ScheduleKind getSchedule() {
        return schedule;
    }

    public String getScheduleExpression() {
        return scheduleExpression;
    }

    public JobStatus getStatus() {
        return status;
    }

    public void setStatus(JobStatus status) {
        this.status = Objects.requireNonNull(status, "status");
    }

    public Long getLastExecutionId() {
        return lastExecutionId;
    }

    public Instant getLastRunAt() {
        return lastRunAt;
    }

    public Instant getNextRunAt() {
        return nextRunAt;
    }

    public void setNextRunAt(Instant nextRunAt) {
        this.nextRunAt = CatalogTime.truncate(nextRunAt);
    }

    public long getRowsIngested() {
        return rowsIngested;
    }

    public long getErrorCount() {
        return errorCount;
    }

    public int getMaxErrors() {
        return maxErrors;
    }

    public void setMaxErrors(int maxErrors) {
        if (maxErrors < 0) {
            throw new IllegalArgumentException("maxErrors cannot be negative");
        }
        this.maxErrors = maxErrors;
    }

    public int getChunkSize() {
        return chunkSize;
    }

    public void setChunkSize(int chunkSize) {
        if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunkSize must be from 1 to " + MAX_CHUNK_SIZE);
        }
        this.chunkSize = chunkSize;
    }

    /** JSON object: where the next run starts reading (e.g. after the last committed primary key); {} = the start. */
    public String getSourceState() {
        return sourceState;
    }

    public void setSourceState(String sourceStateJson) {
        this.sourceState = Objects.requireNonNull(sourceStateJson, "sourceStateJson");
    }

    public String getCreatedBy() {
        return createdBy;
    }

    @Override
    public String toString() {
        return "IngestionJob[" + name + ", id=" + getId() + ", status=" + status + "]";
    }
}
