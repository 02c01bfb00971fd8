package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.asset.StaleVersionException;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.job.ExecutionFilter;
import coop.cpc.lakehouse.application.job.ExecutionPage;
import coop.cpc.lakehouse.application.job.ForeignJobRepositoryException;
import coop.cpc.lakehouse.application.job.IngestionJobService;
import coop.cpc.lakehouse.application.job.JobRejects;
import coop.cpc.lakehouse.application.job.JobRun;
import coop.cpc.lakehouse.application.job.JobStateException;
import coop.cpc.lakehouse.application.job.MissedTick;
import coop.cpc.lakehouse.application.job.RejectedRecords;
import coop.cpc.lakehouse.application.job.UnknownIngestionJobException;
import coop.cpc.lakehouse.application.job.UnknownJobExecutionException;
import coop.cpc.lakehouse.application.security.ForbiddenException;
import coop.cpc.lakehouse.application.security.OperationGate;
import coop.cpc.lakehouse.application.security.Role;
import coop.cpc.lakehouse.web.graphql.dto.ExecutionFilterInput;
import coop.cpc.lakehouse.web.graphql.dto.IngestionJob;
import coop.cpc.lakehouse.web.graphql.dto.IngestionJobConnection;
import coop.cpc.lakehouse.web.graphql.dto.IngestionJobInput;
import coop.cpc.lakehouse.web.graphql.dto.IngestionJobUpdateInput;
import coop.cpc.lakehouse.web.graphql.dto.JobExecution;
import coop.cpc.lakehouse.web.graphql.dto.JobExecutionConnection;
import coop.cpc.lakehouse.web.graphql.dto.JobStatus;
import coop.cpc.lakehouse.web.graphql.dto.PageInfo;
import coop.cpc.lakehouse.web.graphql.dto.RejectsFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/** Ingestion jobs: list, read, create, update; their runs (Jakarta Batch executions): start, stop, restart, read. */
@GraphQLApi
@HidesInternalErrors
@Authorized
@ApplicationScoped
public class IngestionJobApi {

    @Inject
    IngestionJobService jobs;

    @Inject
    OperationGate gate;

    @Inject
    JobRejects rejects;

    @Inject
    ResponseBudget budget;

    @Query("ingestionJobs")
    @Description("Ingestion jobs, oldest first, optionally in one status.")
    public @NonNull IngestionJobConnection ingestionJobs(
            @Name("status") JobStatus status,
            @Name("first") @DefaultValue("50") int first,
            @Name("after") @Description("endCursor of the previous page") String after)
            throws InvalidInputException {
        Page<coop.cpc.lakehouse.catalog.job.IngestionJob> page =
                jobs.list(Assembler.status(status), Cursors.job(after), first);
        List<coop.cpc.lakehouse.catalog.job.IngestionJob> found = page.items();
        String end = found.isEmpty() ? null : Cursors.of(found.get(found.size() - 1));
        boolean admin = isAdmin();
        Map<UUID, MissedTick> missed = jobs.missedTicks(found.stream()
                .map(coop.cpc.lakehouse.catalog.job.IngestionJob::getId)
                .toList());
        return new IngestionJobConnection(
                found.stream()
                        .map(job -> shown(job, missed.get(job.getId()), admin))
                        .toList(),
                new PageInfo(page.hasNextPage(), end));
    }

    @Query("ingestionJob")
    @Description("One ingestion job by id.")
    public IngestionJob ingestionJob(@Name("id") @Id @NonNull String id)
            throws InvalidInputException, UnknownIngestionJobException {
        return shown(jobs.get(Ids.parse("id", id)));
    }

    @Query("jobExecutions")
    @Description("The job's executions, newest first.")
    public @NonNull List<@NonNull JobExecution> jobExecutions(
            @Name("jobId") @Id @NonNull String jobId, @Name("first") @DefaultValue("20") int first)
            throws InvalidInputException, UnknownIngestionJobException, ForeignJobRepositoryException {
        boolean admin = isAdmin();
        return jobs.executions(Ids.parse("jobId", jobId), first).stream()
                .map(run -> shown(run, admin))
                .toList();
    }

    @Query("jobExecution")
    @Description("One execution by its Jakarta Batch execution id.")
    public JobExecution jobExecution(@Name("executionId") @Id @NonNull String executionId)
            throws InvalidInputException, UnknownJobExecutionException, ForeignJobRepositoryException {
        return shown(jobs.execution(Ids.parseExecution("executionId", executionId)));
    }

    @Name("rejects")
    @Description("The run's rejected records (the first whole lines of its rejects file), null when it rejected none. "
            + "They are data of the job's target asset: only for roles that may read that asset's rows.")
    public RejectsFile rejects(
            @Source JobExecution execution,
            @Name("maxBytes")
                    @DefaultValue("1048576")
                    @Description("At most this many bytes, 1 to 16777216 (and what the response may still carry)")
                    int maxBytes)
            throws InvalidInputException, UnknownJobExecutionException, ForbiddenException {
        int bound = rejectsBound(maxBytes, budget.remaining());
        RejectedRecords found = rejects.read(
                Ids.parse("jobId", execution.jobId()),
                Ids.parseExecution("executionId", execution.executionId()),
                bound);
        if (found == null) {
            return null;
        }
        budget.spend(found.text().getBytes(StandardCharsets.UTF_8).length);
        return new RejectsFile(found.text(), found.byteSize(), found.lines(), found.truncated());
    }

    /**
     * The bound {@code rejects} reads with: a valid {@code maxBytes} (1 to {@link JobRejects#MAX_BYTES}) shrinks
     * to what the response may still carry; an invalid one goes on as given, so that the service refuses (and
     * audits) it whatever the response budget.
     */
    static int rejectsBound(int maxBytes, long responseBytesLeft) {
        if (maxBytes < 1 || maxBytes > JobRejects.MAX_BYTES) {
            return maxBytes;
        }
        return (int) Math.min(maxBytes, Math.max(1, responseBytesLeft));
    }

    @Query("executions")
    @Description("Executions of every job, newest first, filtered on the server by job, status, start time and id.")
    public @NonNull JobExecutionConnection executions(
            @Name("filter") ExecutionFilterInput filter,
            @Name("first") @DefaultValue("20") int first,
            @Name("after") @Description("endCursor of the previous page") String after)
            throws InvalidInputException, ForeignJobRepositoryException {
        ExecutionFilter criteria = filter == null
                ? ExecutionFilter.none()
                : new ExecutionFilter(
                        Ids.parseOptional("filter.jobId", filter.jobId()),
                        filter.status(),
                        instant(filter.from()),
                        instant(filter.to()),
                        filter.executionId() == null
                                ? null
                                : Ids.parseExecution("filter.executionId", filter.executionId()));
        ExecutionPage page = jobs.searchExecutions(criteria, Cursors.execution(after), first);
        String end = page.resumeAfter() == null ? null : Cursors.ofExecution(page.resumeAfter());
        boolean admin = isAdmin();
        return new JobExecutionConnection(
                page.items().stream().map(run -> shown(run, admin)).toList(), new PageInfo(page.hasNextPage(), end));
    }

    @Mutation("abandonJobExecution")
    @Description("Marks a stopped or failed execution ABANDONED: it can no longer be restarted (start the job anew).")
    public @NonNull JobExecution abandonJobExecution(@Name("executionId") @Id @NonNull String executionId)
            throws InvalidInputException, UnknownJobExecutionException, JobStateException {
        return shown(jobs.abandon(Ids.parseExecution("executionId", executionId)));
    }

    private static java.time.Instant instant(java.time.OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    @Mutation("createIngestionJob")
    @Description(
            "Creates an ingestion job from exactly one of postgresTable, sled, httpApi, fileDrop; schedules it if asked.")
    public @NonNull IngestionJob createIngestionJob(@Name("input") @NonNull IngestionJobInput input)
            throws InvalidInputException, UnknownAssetException, ForbiddenException {
        return shown(jobs.create(JobInputs.newJob(input)));
    }

    @Mutation("updateIngestionJob")
    @Description("Changes an ingestion job; its source may be replaced by one of the same kind. A new source"
            + " or target drops the last key read and is refused while a run is unfinished (job-state).")
    public @NonNull IngestionJob updateIngestionJob(
            @Name("id") @Id @NonNull String id, @Name("input") @NonNull IngestionJobUpdateInput input)
            throws InvalidInputException, UnknownIngestionJobException, UnknownAssetException, StaleVersionException,
                    JobStateException, ForbiddenException {
        return shown(jobs.update(Ids.parse("id", id), JobInputs.changes(input)));
    }

    @Mutation("startIngestionJob")
    @Description("Starts a run of the job; refused with job-state while one is still going.")
    public @NonNull JobExecution startIngestionJob(@Name("id") @Id @NonNull String id)
            throws InvalidInputException, UnknownIngestionJobException, JobStateException {
        return shown(jobs.start(Ids.parse("id", id)));
    }

    @Mutation("stopJobExecution")
    @Description("Asks a running execution to stop at its next checkpoint; restartJobExecution resumes it from there.")
    public @NonNull JobExecution stopJobExecution(@Name("executionId") @Id @NonNull String executionId)
            throws InvalidInputException, UnknownJobExecutionException, JobStateException {
        return shown(jobs.stop(Ids.parseExecution("executionId", executionId)));
    }

    @Mutation("restartJobExecution")
    @Description("Restarts a stopped, failed or interrupted execution from its last checkpoint, as a new execution.")
    public @NonNull JobExecution restartJobExecution(@Name("executionId") @Id @NonNull String executionId)
            throws InvalidInputException, UnknownJobExecutionException, JobStateException {
        return shown(jobs.restart(Ids.parseExecution("executionId", executionId)));
    }

    @Mutation("deleteIngestionJob")
    @Description("Deletes an ingestion job: its schedule, its runs and their rejects files (its target asset and what"
            + " its runs committed stay); refused with job-state while a run is going. Returns its id.")
    public @NonNull @Id String deleteIngestionJob(@Name("id") @Id @NonNull String id)
            throws InvalidInputException, UnknownIngestionJobException, JobStateException {
        jobs.delete(Ids.parse("id", id));
        return id;
    }

    /**
     * The job as the caller may see it, with the last tick of its schedule that started no run (the service read the
     * job under its audit; the tick is this server's memory): connection details for admins only.
     */
    private IngestionJob shown(coop.cpc.lakehouse.catalog.job.IngestionJob job) {
        return shown(job, jobs.missedTicks(List.of(job.getId())).get(job.getId()), isAdmin());
    }

    private static IngestionJob shown(
            coop.cpc.lakehouse.catalog.job.IngestionJob job, MissedTick missed, boolean admin) {
        IngestionJob full = Assembler.job(job, missed);
        return admin ? full : JobSettingsRedaction.redacted(full);
    }

    /** The execution as the caller may see it: source URLs in its exit status for admins only. */
    private JobExecution shown(JobRun run) {
        return shown(run, isAdmin());
    }

    private static JobExecution shown(JobRun run, boolean admin) {
        JobExecution full = Assembler.execution(run);
        return admin ? full : JobSettingsRedaction.redacted(full);
    }

    /** Asked once per request: the caller's roles do not change between the jobs of a page. */
    private boolean isAdmin() {
        return gate.callerRoles().contains(Role.ADMIN);
    }
}
