package coop.cpc.lakehouse.application.job.internal;

import coop.cpc.lakehouse.application.job.ExecutionState;
import coop.cpc.lakehouse.application.job.JobRunner;
import coop.cpc.lakehouse.application.job.JobStateException;
import coop.cpc.lakehouse.application.job.RunParameters;
import coop.cpc.lakehouse.application.job.StartedExecution;
import coop.cpc.lakehouse.application.job.StepRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The batch runtime as a map: executions get the status a test gives them. */
final class FakeJobRunner implements JobRunner {
    final List<String> started = new ArrayList<>();
    final List<RunParameters> parameters = new ArrayList<>();
    final List<Long> stopped = new ArrayList<>();
    final Set<Long> interrupted = new HashSet<>();
    private final Map<Long, String> status = new HashMap<>();
    private final Map<Long, Long> instanceOf = new HashMap<>();
    private long nextExecution = 100;
    private long nextInstance = 10;
    String serverKind = "WILDFLY";

    @Override
    public String serverKind() {
        return serverKind;
    }

    @Override
    public StartedExecution start(String jobName, RunParameters run) {
        started.add(jobName);
        parameters.add(run);
        long execution = nextExecution++;
        long instance = nextInstance++;
        status.put(execution, "STARTING");
        instanceOf.put(execution, instance);
        return new StartedExecution(execution, instance);
    }

    @Override
    public long restart(long executionId, RunParameters run) {
        parameters.add(run);
        long execution = nextExecution++;
        status.put(execution, "STARTING");
        instanceOf.put(execution, instanceOf.get(executionId));
        return execution;
    }

    @Override
    public void stop(long executionId) throws JobStateException {
        if (!execution(executionId).running()) {
            throw new JobStateException("execution " + executionId + " is not running");
        }
        stopped.add(executionId);
        status.put(executionId, "STOPPING");
    }

    @Override
    public ExecutionState execution(long executionId) {
        return new ExecutionState(
                instanceOf.getOrDefault(executionId, 0L),
                status.get(executionId),
                null,
                Instant.parse("2026-12-04T10:00:00Z"),
                null,
                List.of(new StepRun("read", status.get(executionId), 5, 4, 1, 1, 0, 0, null)));
    }

    @Override
    public boolean isInterrupted(long executionId) {
        return interrupted.contains(executionId);
    }

    @Override
    public void abandon(long executionId) throws JobStateException {
        if (Set.of("STARTING", "STARTED", "STOPPING").contains(status.get(executionId))
                && !interrupted.contains(executionId)) {
            throw new JobStateException("execution " + executionId + " is running");
        }
        status.put(executionId, "ABANDONED");
    }

    @Override
    public List<Long> runningExecutions(String jobName) {
        return status.entrySet().stream()
                .filter(e -> Set.of("STARTING", "STARTED", "STOPPING").contains(e.getValue()))
                .map(Map.Entry::getKey)
                .filter(id -> !interrupted.contains(id))
                .sorted()
                .toList();
    }

    @Override
    public void restarted(long executionId) {
        interrupted.remove(executionId);
    }

    void end(long executionId, String batchStatus) {
        status.put(executionId, batchStatus);
    }
}
