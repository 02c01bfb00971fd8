package coop.cpc.lakehouse.batch.operator;

import coop.cpc.lakehouse.application.job.StepRun;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import java.util.ArrayList;
import java.util.List;

/** The step metrics of the job repository, as the application's {@link StepRun}s and skip counts. */
public final class StepMetrics {

    private StepMetrics() {}

    public static List<StepRun> steps(JobOperator operator, long executionId) {
        List<StepRun> steps = new ArrayList<>();
        for (StepExecution step : operator.getStepExecutions(executionId)) {
            steps.add(new StepRun(
                    step.getStepName(),
                    step.getBatchStatus().name(),
                    metric(step, Metric.MetricType.READ_COUNT),
                    metric(step, Metric.MetricType.WRITE_COUNT),
                    skipped(step),
                    metric(step, Metric.MetricType.COMMIT_COUNT),
                    metric(step, Metric.MetricType.ROLLBACK_COUNT),
                    metric(step, Metric.MetricType.FILTER_COUNT),
                    step.getPersistentUserData() instanceof Long expected ? expected : null));
        }
        return steps;
    }

    /** Records skipped over every execution of the execution's job instance (a restart counts on from the checkpoint). */
    public static long skippedInInstance(long executionId) {
        JobOperator operator = BatchRuntime.getJobOperator();
        long skipped = 0;
        for (JobExecution execution : operator.getJobExecutions(operator.getJobInstance(executionId))) {
            for (StepExecution step : operator.getStepExecutions(execution.getExecutionId())) {
                skipped += skipped(step);
            }
        }
        return skipped;
    }

    /** Read, process and write skips together: the rejected records. */
    private static long skipped(StepExecution step) {
        return metric(step, Metric.MetricType.READ_SKIP_COUNT)
                + metric(step, Metric.MetricType.PROCESS_SKIP_COUNT)
                + metric(step, Metric.MetricType.WRITE_SKIP_COUNT);
    }

    private static long metric(StepExecution step, Metric.MetricType type) {
        for (Metric metric : step.getMetrics()) {
            if (metric.getType() == type) {
                return metric.getValue();
            }
        }
        return 0;
    }
}
