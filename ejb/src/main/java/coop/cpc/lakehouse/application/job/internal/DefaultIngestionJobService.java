package coop.cpc.lakehouse.application.job.internal;

import coop.cpc.lakehouse.application.CatalogInstants;
import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.asset.StaleVersionException;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.application.audit.AuditedId;
import coop.cpc.lakehouse.application.ingest.UnknownRuns;
import coop.cpc.lakehouse.application.job.ExecutionFilter;
import coop.cpc.lakehouse.application.job.ExecutionPage;
import coop.cpc.lakehouse.application.job.ExecutionState;
import coop.cpc.lakehouse.application.job.ForeignJobRepositoryException;
import coop.cpc.lakehouse.application.job.IngestionJobChanges;
import coop.cpc.lakehouse.application.job.IngestionJobService;
import coop.cpc.lakehouse.application.job.JobRun;
import coop.cpc.lakehouse.application.job.JobRunner;
import coop.cpc.lakehouse.application.job.JobStateException;
import coop.cpc.lakehouse.application.job.MissedTick;
import coop.cpc.lakehouse.application.job.NewIngestionJob;
import coop.cpc.lakehouse.application.job.UnknownIngestionJobException;
import coop.cpc.lakehouse.application.job.UnknownJobExecutionException;
import coop.cpc.lakehouse.application.job.schedule.IngestionSchedules;
import coop.cpc.lakehouse.application.job.schedule.ScheduleExpressions;
import coop.cpc.lakehouse.application.security.ForbiddenException;
import coop.cpc.lakehouse.application.security.OperationGate;
import coop.cpc.lakehouse.application.security.Role;
import coop.cpc.lakehouse.application.source.SourceEnvironment;
import coop.cpc.lakehouse.application.table.FilesAfterTransaction;
import coop.cpc.lakehouse.application.table.TableCommits;
import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.IngestionJobRepository;
import coop.cpc.lakehouse.catalog.job.JobStatus;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import coop.cpc.lakehouse.catalog.run.IngestionRun;
import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.run.RunTrigger;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.http.HttpClients;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The audited entry of ingestion jobs; each operation is a short script over {@link JobDefinitions}
 * (what a job is), {@link RunControl} (its runs on the {@link JobRunner}) and {@link RunDescriptions}.
 */
@Stateless
public class DefaultIngestionJobService implements IngestionJobService {
    private static final Logger LOG = Logger.getLogger(DefaultIngestionJobService.class.getName());
    private static final Set<String> STATUSES =
            Set.of("STARTING", "STARTED", "STOPPING", "STOPPED", "FAILED", "COMPLETED", "ABANDONED");
    /** A status filter examines at most this many times a page's size of executions per page. */
    private static final int STATUS_SCAN_FACTOR = 10;

    @Inject
    IngestionJobRepository jobs;

    @Inject
    IngestionRunRepository runs;

    @Inject
    AssetRepository assets;

    @Inject
    LakehouseSettings settings;

    /** Deletes files only once the transaction that made them unneeded has committed. */
    @Inject
    FilesAfterTransaction filesAfterTransaction;

    /** Asks the catalog, in a transaction of its own, whether a deleted job is gone. */
    @Inject
    UnknownRuns unknownRuns;

    @Inject
    Principal principal;

    @EJB
    JobRunner runner;

    /** The caller's roles: only admins set up jobs that write into PHI or RESTRICTED assets. */
    @EJB
    OperationGate gate;

    @EJB
    IngestionSchedules schedules;

    /** Which staged files of an unfinished run a commit recorded all the same (those are not deleted). */
    @EJB
    TableCommits commits;

    private JobDefinitions definitions;
    private RunControl control;
    private RunDescriptions descriptions;

    private boolean admin() {
        return gate.callerRoles().contains(Role.ADMIN);
    }

    @PostConstruct
    void init() {
        // Job definitions validate sources and open none, and the run control only settles file drops' claim
        // folders: no HTTP client is ever made in these (empty) clients.
        SourceEnvironment environment = SourceEnvironment.of(settings, new HttpClients());
        definitions = new JobDefinitions(jobs, assets, environment);
        control = new RunControl(runner, runs, filesAfterTransaction, commits, environment);
        descriptions = new RunDescriptions(runner, settings.webmStoragePath());
    }

    @Override
    @Audited(action = AuditAction.READ, resource = "ingestion_job")
    public IngestionJob get(UUID id) throws UnknownIngestionJobException {
        return job(id);
    }

    @Override
    @Audited(action = AuditAction.READ, resource = "ingestion_job")
    public Page<IngestionJob> list(JobStatus status, TimeOrderCursor after, int first) throws InvalidInputException {
        if (after != null) {
            CatalogInstants.requireStorable("after", after.at());
        }
        return Page.of(jobs.page(status, after, Page.fetchSize(first, settings)), first);
    }

    @Override
    @Audited(action = AuditAction.MANAGE, resource = "ingestion_job")
    public IngestionJob create(NewIngestionJob definition)
            throws InvalidInputException, UnknownAssetException, ForbiddenException {
        IngestionJob job = definitions.create(definition, actor(), admin());
        schedule(job);
        return job;
    }

    @Override
    @Audited(action = AuditAction.MANAGE, resource = "ingestion_job")
    public IngestionJob update(UUID id, IngestionJobChanges changes)
            throws InvalidInputException, UnknownIngestionJobException, UnknownAssetException, StaleVersionException,
                    JobStateException, ForbiddenException {
        IngestionJob job = lockedJob(id);
        ScheduleKind kindBefore = job.getSchedule();
        String expressionBefore = job.getScheduleExpression();
        definitions.update(job, changes, control, admin());
        // Re-creating an INTERVAL timer starts its period anew: only a changed schedule gets a new timer.
        if (job.getSchedule() != kindBefore || !Objects.equals(job.getScheduleExpression(), expressionBefore)) {
            schedule(job);
        }
        return job;
    }

    @Override
    @Audited(action = AuditAction.MANAGE, resource = "ingestion_job")
    public JobRun start(UUID id) throws UnknownIngestionJobException, JobStateException {
        IngestionRun run = control.start(lockedJob(id), RunTrigger.MANUAL);
        schedules.runStarted(id);
        return descriptions.describe(run);
    }

    @Override
    @Audited(action = AuditAction.MANAGE, resource = "ingestion_job")
    public JobRun startScheduled(UUID id) throws UnknownIngestionJobException, JobStateException {
        // The tick writes nothing to the job row itself: the run's own transactions update it (started, commit,
        // ended) with a version check, and a tick that changed the row under a running job would fail them.
        return descriptions.describe(control.start(lockedJob(id), RunTrigger.SCHEDULE));
    }

    @Override
    public Map<UUID, MissedTick> missedTicks(Collection<UUID> jobIds) {
        return schedules.missedTicks(jobIds);
    }

    @Override
    @Audited(action = AuditAction.MANAGE, resource = "job_execution")
    public JobRun stop(@AuditedId long executionId) throws UnknownJobExecutionException, JobStateException {
        IngestionRun run = ownRun(executionId);
        control.stop(executionId);
        return descriptions.describe(run);
    }

    @Override
    @Audited(action = AuditAction.MANAGE, resource = "job_execution")
    public JobRun restart(@AuditedId long executionId) throws UnknownJobExecutionException, JobStateException {
        IngestionRun run = ownRun(executionId);
        IngestionJob job =
                jobs.findForUpdate(run.getJobId()).orElseThrow(() -> new UnknownJobExecutionException(executionId));
        IngestionRun restarted = control.restart(run, job);
        schedules.runStarted(job.getId());
        return descriptions.describe(restarted);
    }

    @Override
    @Audited(action = AuditAction.READ, resource = "job_execution")
    public List<JobRun> executions(UUID jobId, int first)
            throws UnknownIngestionJobException, InvalidInputException, ForeignJobRepositoryException {
        job(jobId);
        requireOwnJobRepository();
        List<JobRun> found = new ArrayList<>();
        for (IngestionRun run : runs.findByJob(jobId, Page.fetchSize(first, settings) - 1)) {
            found.add(descriptions.describe(run));
        }
        return found;
    }

    @Override
    @Audited(action = AuditAction.READ, resource = "job_execution")
    public JobRun execution(@AuditedId long executionId)
            throws UnknownJobExecutionException, ForeignJobRepositoryException {
        return descriptions.describe(ownRun(executionId));
    }

    @Override
    @Audited(action = AuditAction.READ, resource = "job_execution")
    public ExecutionPage searchExecutions(ExecutionFilter filter, Long before, int first)
            throws InvalidInputException, ForeignJobRepositoryException {
        requireOwnJobRepository();
        int fetch = Page.fetchSize(first, settings);
        ExecutionFilter wanted = filter == null ? ExecutionFilter.none() : filter;
        String status = batchStatus(wanted.batchStatus());
        CatalogInstants.requireStorable("from", wanted.from());
        CatalogInstants.requireStorable("to", wanted.to());
        if (wanted.from() != null && wanted.to() != null && !wanted.from().isBefore(wanted.to())) {
            throw new InvalidInputException("from must be before to");
        }
        // The status lives in the job repository: with a status, examine a bounded window of candidates per page.
        int window = status == null ? fetch : fetch * STATUS_SCAN_FACTOR;
        List<IngestionRun> candidates =
                runs.search(wanted.jobId(), wanted.from(), wanted.to(), wanted.executionId(), before, window);
        List<JobRun> found = new ArrayList<>();
        Long examined = null;
        for (IngestionRun candidate : candidates) {
            JobRun described = descriptions.describe(candidate);
            if (status != null && !described.batchStatus().equals(status)) {
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

    private static String batchStatus(String name) throws InvalidInputException {
        if (name == null || STATUSES.contains(name)) {
            return name;
        }
        throw new InvalidInputException(
                "status must be one of STARTING, STARTED, STOPPING, STOPPED, FAILED, COMPLETED, " + "ABANDONED, not "
                        + Names.abbreviate(name));
    }

    @Override
    @Audited(action = AuditAction.MANAGE, resource = "job_execution")
    public JobRun abandon(@AuditedId long executionId) throws UnknownJobExecutionException, JobStateException {
        IngestionRun run = ownRun(executionId);
        ExecutionState state = runner.execution(executionId);
        boolean wasInterrupted = runner.isInterrupted(executionId);
        if (state.running() && !wasInterrupted) {
            throw new JobStateException(
                    "execution " + executionId + " is " + state.batchStatus() + "; stop it before abandoning it");
        }
        if (!state.restartable() && !wasInterrupted) {
            throw new JobStateException("execution " + executionId + " is " + state.batchStatus()
                    + "; only a stopped, failed or interrupted execution can be abandoned");
        }
        runner.abandon(executionId);
        runner.restarted(executionId);
        LOG.info(() -> "Abandoned execution " + executionId);
        return descriptions.describe(run);
    }

    @Override
    @Audited(action = AuditAction.DELETE, resource = "ingestion_job")
    public void delete(UUID id) throws UnknownIngestionJobException, JobStateException {
        IngestionJob job = lockedJob(id);
        control.discardRunsOfDeletedJob(job);
        // Joins this transaction: the timer stays if the delete rolls back.
        schedules.cancel(id);
        jobs.remove(job);
        // The rejects files are the evidence of the job's bad records: they go only with a committed delete, and only
        // once the catalog, asked again, has no such job (a commit reported but rolled back keeps them; the orphan
        // cleanup takes them if the job is gone all the same).
        Path storage = settings.webmStoragePath();
        filesAfterTransaction.afterCommit(() -> {
            if (unknownRuns.jobGone(id)) {
                RunFolders.delete(storage, id);
            } else {
                LOG.warning(() -> "Keeping the rejects files of ingestion job " + id + ": its delete was reported"
                        + " committed, but the catalog still has the job");
            }
        });
        LOG.info(() -> "Deleted ingestion job " + job.getName() + " (" + id + ")");
    }

    private IngestionJob job(UUID id) throws UnknownIngestionJobException {
        return jobs.find(id).orElseThrow(() -> new UnknownIngestionJobException(id));
    }

    /**
     * The job with its row locked until this transaction ends. Starts, restarts and updates check the job's runs
     * and then act: a second caller (a timer tick, a double click) waits here for the first one's commit and then
     * sees its run, instead of starting a second run of the job beside it.
     */
    private IngestionJob lockedJob(UUID id) throws UnknownIngestionJobException {
        return jobs.findForUpdate(id).orElseThrow(() -> new UnknownIngestionJobException(id));
    }

    /** Refuses the job operation when the catalog's runs belong to the other server kind's job repository. */
    private void requireOwnJobRepository() throws ForeignJobRepositoryException {
        JobRepositoryOwnership.require(runs, runner.serverKind());
    }

    /** The run of {@code executionId}, once the catalog's runs are known to be this server's job repository's. */
    private IngestionRun ownRun(long executionId) throws UnknownJobExecutionException, ForeignJobRepositoryException {
        requireOwnJobRepository();
        return runs.find(executionId).orElseThrow(() -> new UnknownJobExecutionException(executionId));
    }

    private void schedule(IngestionJob job) throws InvalidInputException {
        schedules.apply(job.getId(), job.getSchedule(), job.getScheduleExpression());
        job.setNextRunAt(
                job.getSchedule().needsExpression()
                        ? ScheduleExpressions.nextRun(job.getSchedule(), job.getScheduleExpression(), CatalogTime.now())
                        : null);
    }

    private String actor() {
        String name = principal == null ? null : principal.getName();
        return name == null || name.isBlank() ? "anonymous" : Names.abbreviate(name);
    }
}
