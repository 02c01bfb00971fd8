package coop.cpc.lakehouse.batch.operator;

import jakarta.batch.operations.JobExecutionIsRunningException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A batch runtime's {@link JobOperator} as JBeret's behaves at a run's end: the in-memory status of an execution
 * turns final while its repository row, and so {@code getRunningExecutions}, still says it runs.
 */
public final class FakeJobOperator {
    private final Map<Long, BatchStatus> statuses = new HashMap<>();
    private final Map<Long, Properties> parameters = new HashMap<>();
    private final List<Long> listedRunning = new ArrayList<>();
    private final Date created = new Date();

    /** An execution the runtime says is in {@code status}, still listed as running by its repository. */
    public FakeJobOperator listedRunning(long executionId, BatchStatus status, Properties executionParameters) {
        statuses.put(executionId, status);
        parameters.put(executionId, executionParameters);
        listedRunning.add(executionId);
        return this;
    }

    public FakeJobOperator listedRunning(long executionId, BatchStatus status) {
        return listedRunning(executionId, status, new Properties());
    }

    public List<Long> runningExecutions() {
        return List.copyOf(listedRunning);
    }

    public JobOperator operator() {
        return (JobOperator) Proxy.newProxyInstance(
                FakeJobOperator.class.getClassLoader(),
                new Class<?>[] {JobOperator.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRunningExecutions" -> List.copyOf(listedRunning);
                    case "getJobExecution" -> execution((Long) args[0]);
                    case "getJobInstance" -> instance();
                    case "getParameters" -> parameters.get((Long) args[0]);
                    case "getStepExecutions" -> List.of();
                    case "stop" -> stop((Long) args[0]);
                    case "abandon" -> abandon((Long) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** As the runtimes do: a stop of an execution whose (in-memory) status has ended is refused. */
    private Object stop(long executionId) {
        BatchStatus status = statuses.get(executionId);
        if (status == BatchStatus.STOPPED || status == BatchStatus.FAILED || status == BatchStatus.COMPLETED) {
            throw new JobExecutionNotRunningException("execution " + executionId);
        }
        statuses.put(executionId, BatchStatus.STOPPING);
        return null;
    }

    /** As JBeret does: an execution its repository says runs is refused, whether or not anything runs it. */
    private Object abandon(long executionId) {
        BatchStatus status = statuses.get(executionId);
        if (status == BatchStatus.STARTING || status == BatchStatus.STARTED || status == BatchStatus.STOPPING) {
            throw new JobExecutionIsRunningException("JBERET000601: Job execution " + executionId + " is running");
        }
        statuses.put(executionId, BatchStatus.ABANDONED);
        return null;
    }

    /** The repository's status of an execution changed under the runtime (its row updated). */
    public void setStatus(long executionId, BatchStatus status) {
        statuses.put(executionId, status);
    }

    public BatchStatus status(long executionId) {
        return statuses.get(executionId);
    }

    private JobExecution execution(long executionId) {
        BatchStatus status = statuses.get(executionId);
        boolean ended =
                status == BatchStatus.STOPPED || status == BatchStatus.FAILED || status == BatchStatus.COMPLETED;
        return (JobExecution) Proxy.newProxyInstance(
                FakeJobOperator.class.getClassLoader(),
                new Class<?>[] {JobExecution.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getExecutionId" -> executionId;
                    case "getBatchStatus" -> status;
                    case "getExitStatus" -> ended ? status.name() : null;
                    case "getCreateTime", "getStartTime" -> created;
                    case "getEndTime" -> ended ? new Date() : null;
                    default -> null;
                });
    }

    private static JobInstance instance() {
        return (JobInstance) Proxy.newProxyInstance(
                FakeJobOperator.class.getClassLoader(),
                new Class<?>[] {JobInstance.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getInstanceId" -> 1L;
                    case "getJobName" -> "ingestion";
                    default -> null;
                });
    }
}
