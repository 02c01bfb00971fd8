package coop.cpc.lakehouse.batch.operator;

import coop.cpc.lakehouse.application.job.StepRun;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import java.util.ArrayList;
import java.util.List;

/**
 * The step metrics of the job repository, as the application's {@link StepRun}s and skip counts. A step's read
 * count is the records read (a rejected record, a read skip, is not one) and its filter count the records a
 * processor filtered out, as the Jakarta Batch metrics define them and JBeret counts them. Open Liberty's runtime
 * counts every item its reader was asked for: a read skip adds to its read count and, as read but not written, to
 * its filter count too; {@link ReadSkips#COUNTED_AS_READ} takes them out again.
 */
public final class StepMetrics {

    /** Whether a runtime's read and filter counts include the read skips. */
    public enum ReadSkips {
        /** JBeret (WildFly): the read count is the items read successfully. */
        NOT_COUNTED,
        /** Open Liberty: a read skip is in the read count and in the filter count. */
        COUNTED_AS_READ
    }

    private StepMetrics() {}

    public static List<StepRun> steps(JobOperator operator, long executionId, ReadSkips readSkips) {
        List<StepRun> steps = new ArrayList<>();
        for (StepExecution step : operator.getStepExecutions(executionId)) {
            long counted = readSkips == ReadSkips.COUNTED_AS_READ ? metric(step, Metric.MetricType.READ_SKIP_COUNT) : 0;
            steps.add(new StepRun(
                    step.getStepName(),
                    step.getBatchStatus().name(),
                    Math.max(0, metric(step, Metric.MetricType.READ_COUNT) - counted),
                    metric(step, Metric.MetricType.WRITE_COUNT),
                    skipped(step),
                    metric(step, Metric.MetricType.COMMIT_COUNT),
                    metric(step, Metric.MetricType.ROLLBACK_COUNT),
                    Math.max(0, metric(step, Metric.MetricType.FILTER_COUNT) - counted),
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
