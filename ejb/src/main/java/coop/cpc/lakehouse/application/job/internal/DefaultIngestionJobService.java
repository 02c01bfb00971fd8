package coop.cpc.lakehouse.application.job.internal;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.asset.StaleVersionException;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.application.ingest.InterruptedExecutions;
import coop.cpc.lakehouse.application.ingest.RejectsFiles;
import coop.cpc.lakehouse.application.ingest.RunParameters;
import coop.cpc.lakehouse.application.ingest.source.SourceDefinitions;
import coop.cpc.lakehouse.application.job.ExecutionFilter;
import coop.cpc.lakehouse.application.job.ExecutionPage;
import coop.cpc.lakehouse.application.job.IngestionJobChanges;
import coop.cpc.lakehouse.application.job.IngestionJobService;
import coop.cpc.lakehouse.application.job.JobRun;
import coop.cpc.lakehouse.application.job.JobStateException;
import coop.cpc.lakehouse.application.job.NewIngestionJob;
import coop.cpc.lakehouse.application.job.StepRun;
import coop.cpc.lakehouse.application.job.UnknownIngestionJobException;
import coop.cpc.lakehouse.application.job.UnknownJobExecutionException;
import coop.cpc.lakehouse.application.job.schedule.IngestionSchedules;
import coop.cpc.lakehouse.application.job.schedule.ScheduleExpressions;
import coop.cpc.lakehouse.application.job.source.FileDropSource;
import coop.cpc.lakehouse.application.job.source.SledSource;
import coop.cpc.lakehouse.application.job.source.SourceDefinition;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.IngestionJobRepository;
import coop.cpc.lakehouse.catalog.job.JobCursor;
import coop.cpc.lakehouse.catalog.job.JobStatus;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import coop.cpc.lakehouse.catalog.job.SourceType;
import coop.cpc.lakehouse.catalog.run.IngestionRun;
import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.run.RunTrigger;
import coop.cpc.lakehouse.catalog.run.StagedSegmentFile;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

@Stateless
public class DefaultIngestionJobService implements IngestionJobService {
    private static final Logger LOG = Logger.getLogger(DefaultIngestionJobService.class.getName());
    private static final Set<BatchStatus> RUNNING = EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING);
    /** A status filter examines at most this many times a page's size of executions per page. */
    private static final int STATUS_SCAN_FACTOR = 10;
    private static final Set<BatchStatus> RESTARTABLE = EnumSet.of(BatchStatus.STOPPED, BatchStatus.FAILED);

    @Inject
    IngestionJobRepository jobs;

    @Inject
    IngestionRunRepository runs;

    @Inject
    AssetRepository assets;

    @Inject
    LakehouseSettings settings;

    @Inject
    SegmentFiles files;

    @Inject
    Principal principal;

    @EJB
    InterruptedExecutions interrupted;

    @EJB
    IngestionSchedules schedules;

    @Override
    @Audited(action = AuditAction.READ, resource = "ingestion_job")
    public IngestionJob get(UUID id) throws UnknownIngestionJobException {
        return jobs.find(id).orElseThrow(() -> new UnknownIngestionJobException(id));
    }

    @Override
    @Audited(action = AuditAction.READ, resource = "ingestion_job")
    public Page<IngestionJob> list(JobStatus status, JobCursor after, int first) throws InvalidInputException {
        return Page.of(jobs.page(status, after, Page.fetchSize(first, settings)), first);
    }

    @Override
    @Audited(action = AuditAction.MANAGE, resource = "ingestion_job")
    public IngestionJob create(NewIngestionJob definition) throws InvalidInputException, UnknownAssetException {
        String name = requireName(definition.name());
        SourceDefinition source = requireSource(definition.source());
        SourceValidator.validate(source, settings);
        requireOwnFolder(source, null);
        UUID target = target(source, definition.targetAssetId());
        IngestionJob job = new IngestionJob(name, source.type(), SourceDefinitions.write(source), target, actor());
        apply(job, definition.maxErrors(), definition.chunkSize(), definition.schedule(), definition.scheduleExpression());
        jobs.add(job);
        schedule(job);
        return job;
    }

    @Override
    @Audited(action = AuditAction.MANAGE, resource = "ingestion_job")
    public IngestionJob update(UUID id, IngestionJobChanges changes)
            throws InvalidInputException, UnknownIngestionJobException, UnknownAssetException, StaleVersionException {
        IngestionJob job = jobs.find(id).orElseThrow(() -> new UnknownIngestionJobException(id));
        if (job.getVersion() != changes.expectedVersion()) {
            throw new StaleVersionException(changes.expectedVersion(), job.getVersion());
        }
        if (changes.name() != null) {
            job.setName(requireName(changes.name()));
        }
        SourceDefinition source = SourceDefinitions.read(job.getSourceConfig());
        if (changes.source() != null) {
            if (changes.source().type() != job.getSourceType()) {
                throw new InvalidInputException("the source of job " + job.getName() + " is " + job.getSourceType()
                        + "; it cannot become " + changes.source().type() + " (create another job)");
            }
            source = changes.source();
            SourceValidator.validate(source, settings);
            requireOwnFolder(source, job.getId());
            job.setSourceConfig(SourceDefinitions.write(source));
        }
        if (changes.targetAssetId() != null) {
            job.setTargetAssetId(target(source, changes.targetAssetId()));
        }
        ScheduleKind kind = changes.schedule() != null ? changes.schedule() : job.getSchedule();
        String expression = changes.schedule() != null || changes.scheduleExpression() != null
                ? changes.scheduleExpression() : job.getScheduleExpression();
        apply(job, changes.maxErrors(), changes.chunkSize(), kind, expression);
        schedule(job);
        return job;
    }

    @Override
    @Audited(action = AuditAction.MANAGE, resource = "ingestion_job")
    public JobRun start(UUID id) throws UnknownIngestionJobException, JobStateException {
        return startRun(id, RunTrigger.MANUAL);
    }

    @Override
    @Audited(action = AuditAction.MANAGE, resource = "ingestion_job")
    public JobRun startScheduled(UUID id) throws UnknownIngestionJobException, JobStateException {
        return startRun(id, RunTrigger.SCHEDULE);
    }

    private JobRun startRun(UUID id, RunTrigger trigger) throws UnknownIngestionJobException, JobStateException {
        IngestionJob job = jobs.find(id).orElseThrow(() -> new UnknownIngestionJobException(id));
        JobOperator operator = BatchRuntime.getJobOperator();
        requireNotRunning(job, operator);
        SourceDefinition source = SourceDefinitions.read(job.getSourceConfig());
        long execution = operator.start(source.batchJobName(), RunParameters.of(job));
        long instance = operator.getJobInstance(execution).getInstanceId();
        discardStagedOfOtherRuns(job, instance);
        IngestionRun run = new IngestionRun(execution, instance, id, trigger, null);
        runs.add(run);
        LOG.info(() -> "Started ingestion job " + job.getName() + " (" + id + ") as execution " + execution);
        return describe(run);
    }

    /** One run of a job at a time: a second one would hand back (file drops) or discard what the first claimed. */
    private void requireNotRunning(IngestionJob job, JobOperator operator) throws JobStateException {
        var latest = runs.latest(job.getId());
        if (latest.isPresent()) {
            long execution = latest.get().getExecutionId();
            if (RUNNING.contains(operator.getJobExecution(execution).getBatchStatus()) && !interrupted.isInterrupted(execution)) {
                throw new JobStateException("ingestion job " + job.getName() + " is running (execution " + execution
                        + "); stop it or wait for it to end");
            }
        }
    }

    /** A new run replaces a failed one that was not restarted: what that one staged will never be committed. */
    private void discardStagedOfOtherRuns(IngestionJob job, long keepInstance) {
        List<StagedSegmentFile> stale = runs.stagedOfOtherInstances(job.getId(), keepInstance);
        for (StagedSegmentFile file : stale) {
            try {
                Files.deleteIfExists(files.resolve(file.getPath()));
            } catch (IOException e) {
                LOG.warning(() -> "Cannot delete the abandoned staged segment " + file.getPath() + " (orphan cleanup will): "
                        + e.getMessage());
            }
        }
        runs.unstage(stale);
        if (!stale.isEmpty()) {
            LOG.info(() -> "Discarded " + stale.size() + " staged segment(s) of earlier unfinished runs of " + job.getName());
        }
    }

    @Override
    @Audited(action = AuditAction.MANAGE, resource = "job_execution")
    public JobRun stop(long executionId) throws UnknownJobExecutionException, JobStateException {
        IngestionRun run = runs.find(executionId).orElseThrow(() -> new UnknownJobExecutionException(executionId));
        if (interrupted.isInterrupted(executionId)) {
            throw new JobStateException("execution " + executionId + " was interrupted by a server stop and is not running; "
                    + "restart it or start the job anew");
        }
        try {
            BatchRuntime.getJobOperator().stop(executionId);
        } catch (JobExecutionNotRunningException e) {
            throw new JobStateException("execution " + executionId + " is not running");
        }
        return describe(run);
    }

    @Override
    @Audited(action = AuditAction.MANAGE, resource = "job_execution")
    public JobRun restart(long executionId) throws UnknownJobExecutionException, JobStateException {
        IngestionRun run = runs.find(executionId).orElseThrow(() -> new UnknownJobExecutionException(executionId));
        IngestionJob job = jobs.find(run.getJobId()).orElseThrow(() -> new UnknownJobExecutionException(executionId));
        JobOperator operator = BatchRuntime.getJobOperator();
        BatchStatus status = operator.getJobExecution(executionId).getBatchStatus();
        boolean wasInterrupted = interrupted.isInterrupted(executionId);
        if (!RESTARTABLE.contains(status) && !wasInterrupted) {
            throw new JobStateException("execution " + executionId + " is " + status
                    + "; only a stopped, failed or interrupted execution can be restarted");
        }
        requireNotRunning(job, operator);
        var latest = runs.latest(job.getId());
        if (latest.isPresent() && latest.get().getJobInstanceId() != run.getJobInstanceId()) {
            throw new JobStateException("execution " + executionId + " belongs to an earlier run of ingestion job "
                    + job.getName() + "; a newer run exists: restart that one or start the job anew");
        }
        long next;
        try {
            next = operator.restart(executionId, RunParameters.of(job));
        } catch (JobExecutionNotMostRecentException e) {
            throw new JobStateException("execution " + executionId + " is not the latest of its run; restart the latest");
        } catch (JobRestartException e) {
            throw new JobStateException("execution " + executionId + " cannot be restarted: " + e.getMessage());
        }
        interrupted.restarted(executionId);
        IngestionRun restart = new IngestionRun(next, run.getJobInstanceId(), run.getJobId(), RunTrigger.RESTART, executionId);
        runs.add(restart);
        LOG.info(() -> "Restarted execution " + executionId + " of ingestion job " + job.getName() + " as " + next);
        return describe(restart);
    }

    @Override
    @Audited(action = AuditAction.READ, resource = "job_execution")
    public List<JobRun> executions(UUID jobId, int first) throws UnknownIngestionJobException, InvalidInputException {
        jobs.find(jobId).orElseThrow(() -> new UnknownIngestionJobException(jobId));
        List<JobRun> found = new ArrayList<>();
        for (IngestionRun run : runs.findByJob(jobId, Page.fetchSize(first, settings) - 1)) {
            found.add(describe(run));
        }
        return found;
    }

    @Override
    @Audited(action = AuditAction.READ, resource = "job_execution")
    public JobRun execution(long executionId) throws UnknownJobExecutionException {
        return describe(runs.find(executionId).orElseThrow(() -> new UnknownJobExecutionException(executionId)));
    }

    @Override
    @Audited(action = AuditAction.READ, resource = "job_execution")
    public ExecutionPage searchExecutions(ExecutionFilter filter, Long before, int first) throws InvalidInputException {
        int fetch = Page.fetchSize(first, settings);
        ExecutionFilter wanted = filter == null ? ExecutionFilter.none() : filter;
        BatchStatus status = batchStatus(wanted.batchStatus());
        if (wanted.from() != null && wanted.to() != null && !wanted.from().isBefore(wanted.to())) {
            throw new InvalidInputException("from must be before to");
        }
        // The status lives in the job repository: with a status, examine a bounded window of candidates per page.
        int window = status == null ? fetch : fetch * STATUS_SCAN_FACTOR;
        List<IngestionRun> candidates = runs.search(wanted.jobId(), wanted.from(), wanted.to(), wanted.executionId(), before, window);
        List<JobRun> found = new ArrayList<>();
        Long examined = null;
        for (int i = 0; i < candidates.size(); i++) {
            JobRun described = describe(candidates.get(i));
            if (status != null && !described.batchStatus().equals(status.name())) {
                examined = described.executionId();
                continue;
            }
            if (found.size() == first) {
                return new ExecutionPage(found, true, examined);
            }
            found.add(described);
            examined = described.executionId();
        }
        return new ExecutionPage(found, status != null && candidates.size() == window, examined);
    }

    private static BatchStatus batchStatus(String name) throws InvalidInputException {
        if (name == null) {
            return null;
        }
        try {
            return BatchStatus.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status must be one of STARTING, STARTED, STOPPING, STOPPED, FAILED, COMPLETED, "
                    + "ABANDONED, not " + Names.abbreviate(name));
        }
    }

    @Override
    @Audited(action = AuditAction.MANAGE, resource = "job_execution")
    public JobRun abandon(long executionId) throws UnknownJobExecutionException, JobStateException {
        IngestionRun run = runs.find(executionId).orElseThrow(() -> new UnknownJobExecutionException(executionId));
        JobOperator operator = BatchRuntime.getJobOperator();
        BatchStatus status = operator.getJobExecution(executionId).getBatchStatus();
        boolean wasInterrupted = interrupted.isInterrupted(executionId);
        if (RUNNING.contains(status) && !wasInterrupted) {
            throw new JobStateException("execution " + executionId + " is " + status + "; stop it before abandoning it");
        }
        if (!RESTARTABLE.contains(status) && !wasInterrupted) {
            throw new JobStateException("execution " + executionId + " is " + status
                    + "; only a stopped, failed or interrupted execution can be abandoned");
        }
        try {
            operator.abandon(executionId);
        } catch (jakarta.batch.operations.JobExecutionIsRunningException e) {
            throw new JobStateException("execution " + executionId + " is running; stop it before abandoning it");
        }
        interrupted.restarted(executionId);
        LOG.info(() -> "Abandoned execution " + executionId);
        return describe(run);
    }

    private JobRun describe(IngestionRun run) {
        JobOperator operator = BatchRuntime.getJobOperator();
        JobExecution execution = operator.getJobExecution(run.getExecutionId());
        List<StepRun> steps = new ArrayList<>();
        for (StepExecution step : operator.getStepExecutions(run.getExecutionId())) {
            steps.add(new StepRun(step.getStepName(), step.getBatchStatus().name(), metric(step, Metric.MetricType.READ_COUNT),
                    metric(step, Metric.MetricType.WRITE_COUNT),
                    metric(step, Metric.MetricType.READ_SKIP_COUNT) + metric(step, Metric.MetricType.PROCESS_SKIP_COUNT)
                            + metric(step, Metric.MetricType.WRITE_SKIP_COUNT),
                    metric(step, Metric.MetricType.COMMIT_COUNT), metric(step, Metric.MetricType.ROLLBACK_COUNT),
                    metric(step, Metric.MetricType.FILTER_COUNT)));
        }
        String rejects = RejectsFiles.relativePath(run.getJobId(), run.getExecutionId());
        boolean hasRejects = Files.exists(settings.webmStoragePath().resolve(rejects));
        return new JobRun(run.getExecutionId(), run.getJobInstanceId(), run.getJobId(), execution.getBatchStatus().name(),
                execution.getExitStatus(), run.getTrigger().name(), run.getRestartOf(),
                interrupted.isInterrupted(run.getExecutionId()), instant(execution.getStartTime()),
                instant(execution.getEndTime()), steps, hasRejects ? rejects : null);
    }

    private static long metric(StepExecution step, Metric.MetricType type) {
        for (Metric metric : step.getMetrics()) {
            if (metric.getType() == type) {
                return metric.getValue();
            }
        }
        return 0;
    }

    private static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String requireName(String name) throws InvalidInputException {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidInputException("name must be 1 to 200 characters");
        }
        return name.strip();
    }

    private void requireOwnFolder(SourceDefinition source, UUID self) throws InvalidInputException {
        if (source instanceof FileDropSource drop) {
            List<IngestionJob> others = new ArrayList<>(jobs.findBySourceType(SourceType.FILE_DROP));
            others.removeIf(other -> other.getId().equals(self));
            SourceValidator.requireOwnFolder(drop, others);
        }
    }

    private static SourceDefinition requireSource(SourceDefinition source) throws InvalidInputException {
        if (source == null) {
            throw new InvalidInputException("a job needs a source: one of postgresTable, sled, httpApi, fileDrop");
        }
        return source;
    }

    /** Every source but sled (one asset per tree, created by the run) feeds one existing asset. */
    private UUID target(SourceDefinition source, UUID targetAssetId) throws InvalidInputException, UnknownAssetException {
        if (source instanceof SledSource) {
            if (targetAssetId != null) {
                throw new InvalidInputException("a sled job feeds one asset per tree, named from sled.assetPrefix: "
                        + "give no targetAssetId");
            }
            return null;
        }
        if (targetAssetId == null) {
            throw new InvalidInputException("targetAssetId must name the asset the rows go to");
        }
        assets.find(targetAssetId).orElseThrow(() -> new UnknownAssetException("with id " + targetAssetId));
        return targetAssetId;
    }

    private static void apply(IngestionJob job, Integer maxErrors, Integer chunkSize, ScheduleKind schedule,
            String expression) throws InvalidInputException {
        if (maxErrors != null) {
            if (maxErrors < 0 || maxErrors > 1_000_000) {
                throw new InvalidInputException("maxErrors must be from 0 to 1000000, not " + maxErrors);
            }
            job.setMaxErrors(maxErrors);
        }
        if (chunkSize != null) {
            if (chunkSize < 1 || chunkSize > IngestionJob.MAX_CHUNK_SIZE) {
                throw new InvalidInputException("chunkSize must be from 1 to " + IngestionJob.MAX_CHUNK_SIZE + ", not " + chunkSize);
            }
            job.setChunkSize(chunkSize);
        }
        ScheduleKind kind = schedule == null ? ScheduleKind.MANUAL : schedule;
        if (kind == ScheduleKind.REALTIME) {
            throw new InvalidInputException("schedule REALTIME is for change data capture; batch sources run MANUAL, INTERVAL or CRON");
        }
        ScheduleExpressions.validate(kind, kind.needsExpression() ? expression : null);
        job.schedule(kind, expression);
    }

    private void schedule(IngestionJob job) throws InvalidInputException {
        schedules.apply(job.getId(), job.getSchedule(), job.getScheduleExpression());
        job.setNextRunAt(job.getSchedule().needsExpression()
                ? ScheduleExpressions.nextRun(job.getSchedule(), job.getScheduleExpression(), CatalogTime.now()) : null);
    }

    private String actor() {
        String name = principal == null ? null : principal.getName();
        return name == null || name.isBlank() ? "anonymous" : Names.abbreviate(name);
    }
}
