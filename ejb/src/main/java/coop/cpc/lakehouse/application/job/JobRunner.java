package coop.cpc.lakehouse.application.job;

import jakarta.ejb.Local;
import java.util.List;

/**
 * Port: the batch runtime that runs ingestion jobs. The batch module implements it on JBeret (the
 * module that holds the job XMLs must be the one that starts them); the application layer sees
 * executions only through this interface.
 */
@Local
public interface JobRunner {

    /** Starts a new job instance of the named batch job; returns its first execution. */
    StartedExecution start(String jobName, RunParameters parameters);

    /**
     * Restarts a stopped, failed or interrupted execution from its last checkpoint.
     *
     * @return the new execution of the same job instance
     * @throws JobStateException when the runtime refuses (not the latest execution, not restartable)
     */
    long restart(long executionId, RunParameters parameters) throws JobStateException;

    /**
     * Asks a running execution to stop at its next checkpoint.
     *
     * @throws JobStateException when it is not running
     */
    void stop(long executionId) throws JobStateException;

    /**
     * The execution's status, times and step metrics as the runtime has them, except that a run's end is
     * reported only once what the end changes (its job's status, metrics) is written: until then the run is
     * STOPPING or STARTED, without end time or exit status.
     */
    ExecutionState execution(long executionId);

    /**
     * Whether the server stopped while this execution ran (kill -9, power loss): the job repository
     * still says it runs, but nothing does; it needs a restart.
     */
    boolean isInterrupted(long executionId);

    /**
     * Marks a stopped, failed or interrupted execution as never to be restarted.
     *
     * @throws JobStateException when it is still running
     */
    void abandon(long executionId) throws JobStateException;

    /**
     * The executions of the named batch job that run now, as {@link #execution} reports them (interrupted ones
     * and those that have just ended do not run, even while the job repository still lists them).
     */
    List<Long> runningExecutions(String jobName);

    /** A restarted execution is no longer waiting for its restart. */
    void restarted(long executionId);

    /**
     * Whose job repository this runtime keeps its executions in: {@code WILDFLY} (JBeret) or {@code OPEN_LIBERTY}.
     * Execution ids are only unique within one repository, so a catalog's runs belong to one of them.
     */
    String serverKind();
}
