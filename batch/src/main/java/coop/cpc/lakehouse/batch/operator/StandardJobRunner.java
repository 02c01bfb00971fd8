package coop.cpc.lakehouse.batch.operator;

import coop.cpc.lakehouse.application.job.ExecutionState;
import coop.cpc.lakehouse.application.job.JobRunner;
import coop.cpc.lakehouse.application.job.JobStateException;
import coop.cpc.lakehouse.application.job.RunParameters;
import coop.cpc.lakehouse.application.job.StartedExecution;
import jakarta.batch.operations.JobExecutionIsRunningException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.EJB;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The {@link JobRunner} port on the standard {@code JobOperator}, the same on every Jakarta Batch
 * runtime. A subclass is the session bean of one runtime: it names its {@link InterruptedExecutionRegistry}
 * and says which executions of a job are running, where runtimes differ.
 *
 * <p>An execution's end is reported only once its end bookkeeping is written ({@link EndingExecutions}): until
 * then a stopped execution is STOPPING and a failed or completed one STARTED, without end time or exit status.
 * What runs is what this runtime's in-memory status says runs; the job repository's list of running executions
 * lags it by the end of a run.
 */
public abstract class StandardJobRunner implements JobRunner {
    @EJB
    EndingExecutions ending;

    /** The start-up singleton that knows which executions a server stop interrupted. */
    protected abstract InterruptedExecutionRegistry interrupted();

    /**
     * The executions of {@code jobName} the runtime's job repository lists as running (it may still list one that
     * has just ended); none for a job that never ran.
     */
    protected abstract List<Long> runningOnRuntime(String jobName);

    /** How this runtime counts a rejected record (a read skip) in a step's read and filter counts. */
    protected StepMetrics.ReadSkips readSkips() {
        return StepMetrics.ReadSkips.NOT_COUNTED;
    }

    /** This runtime's operator. */
    protected JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    @Override
    public StartedExecution start(String jobName, RunParameters parameters) {
        JobOperator operator = operator();
        long execution = operator.start(jobName, JobParameters.of(parameters));
        return new StartedExecution(
                execution, operator.getJobInstance(execution).getInstanceId());
    }

    @Override
    public long restart(long executionId, RunParameters parameters) throws JobStateException {
        interrupted().endInterrupted(executionId);
        try {
            return operator().restart(executionId, JobParameters.of(parameters));
        } catch (JobExecutionNotMostRecentException e) {
            throw new JobStateException(
                    "execution " + executionId + " is not the latest of its run; restart the latest");
        } catch (JobRestartException e) {
            throw new JobStateException("execution " + executionId + " cannot be restarted: " + e.getMessage());
        }
    }

    @Override
    public void stop(long executionId) throws JobStateException {
        try {
            operator().stop(executionId);
        } catch (JobExecutionNotRunningException e) {
            if (ending.hidesEnd(executionId, Instant.now())) {
                // Shown as still running while its end is written: stopping it again asks nothing more of it.
                return;
            }
            throw new JobStateException("execution " + executionId + " is not running");
        }
    }

    @Override
    public ExecutionState execution(long executionId) {
        JobOperator operator = operator();
        JobExecution execution = operator.getJobExecution(executionId);
        BatchStatus status = execution.getBatchStatus();
        boolean endHidden = !RunningStatus.isRunning(status) && ending.hidesEnd(executionId, Instant.now());
        return new ExecutionState(
                operator.getJobInstance(executionId).getInstanceId(),
                endHidden ? stillRunning(status).name() : status.name(),
                endHidden ? null : execution.getExitStatus(),
                instant(execution.getStartTime()),
                endHidden ? null : instant(execution.getEndTime()),
                StepMetrics.steps(operator, executionId, readSkips()));
    }

    /** The batch status of a run whose end is not written yet: a stop is still STOPPING, anything else STARTED. */
    private static BatchStatus stillRunning(BatchStatus ended) {
        return ended == BatchStatus.STOPPED ? BatchStatus.STOPPING : BatchStatus.STARTED;
    }

    @Override
    public void abandon(long executionId) throws JobStateException {
        interrupted().endInterrupted(executionId);
        try {
            operator().abandon(executionId);
        } catch (JobExecutionIsRunningException e) {
            throw new JobStateException("execution " + executionId + " is running; stop it before abandoning it");
        }
    }

    @Override
    public List<Long> runningExecutions(String jobName) {
        InterruptedExecutionRegistry interrupted = interrupted();
        return runningOnRuntime(jobName).stream()
                .filter(id -> !interrupted.isInterrupted(id))
                .filter(this::runs)
                .toList();
    }

    /** Whether the runtime runs the execution, or ended it without its end written yet. */
    private boolean runs(long executionId) {
        BatchStatus status = operator().getJobExecution(executionId).getBatchStatus();
        return RunningStatus.isRunning(status) || ending.hidesEnd(executionId, Instant.now());
    }

    @Override
    public boolean isInterrupted(long executionId) {
        return interrupted().isInterrupted(executionId);
    }

    @Override
    public void restarted(long executionId) {
        interrupted().restarted(executionId);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
