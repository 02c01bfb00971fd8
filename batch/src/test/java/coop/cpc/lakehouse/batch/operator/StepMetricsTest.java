package coop.cpc.lakehouse.batch.operator;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.job.StepRun;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Five records, the third rejected by the reader (a read skip), four written: the step's read count is 4 and its
 * filter count 0 on both runtimes, whichever way the runtime counted the rejected record.
 */
class StepMetricsTest {

    @Test
    void jberetsCountsOfARejectedRecordAreTakenAsTheyAre() {
        assertThat(countsOfTheReadStep(4, 4, 1, 0, StepMetrics.ReadSkips.NOT_COUNTED))
                .containsExactly(4L, 4L, 1L, 0L);
    }

    @Test
    void libertysReadAndFilterCountsOfARejectedRecordLeaveItOut() {
        // What Open Liberty 26.0.0.3 records for that step (HttpApiIngestionIT saw readCount 5 before).
        assertThat(countsOfTheReadStep(5, 4, 1, 1, StepMetrics.ReadSkips.COUNTED_AS_READ))
                .containsExactly(4L, 4L, 1L, 0L);
    }

    @Test
    void aStepWithoutRejectsReadsTheSameOnBothRuntimes() {
        Map<Metric.MetricType, Long> metrics = Map.of(
                Metric.MetricType.READ_COUNT, 5L,
                Metric.MetricType.WRITE_COUNT, 5L);

        StepRun jberet = only(StepMetrics.steps(operatorWith(metrics), 1, StepMetrics.ReadSkips.NOT_COUNTED));
        StepRun liberty = only(StepMetrics.steps(operatorWith(metrics), 1, StepMetrics.ReadSkips.COUNTED_AS_READ));

        assertThat(liberty).isEqualTo(jberet);
        assertThat(liberty.readCount()).isEqualTo(5);
    }

    /**
     * The read, write, skip and filter counts of the step "read" whose runtime recorded these metrics, counting a
     * rejected record as {@code readSkips} says.
     */
    private static List<Long> countsOfTheReadStep(
            long readCount, long writeCount, long readSkipCount, long filterCount, StepMetrics.ReadSkips readSkips) {
        StepRun read = only(StepMetrics.steps(
                operatorWith(Map.of(
                        Metric.MetricType.READ_COUNT, readCount,
                        Metric.MetricType.WRITE_COUNT, writeCount,
                        Metric.MetricType.READ_SKIP_COUNT, readSkipCount,
                        Metric.MetricType.FILTER_COUNT, filterCount)),
                1,
                readSkips));
        return List.of(read.readCount(), read.writeCount(), read.skipCount(), read.filterCount());
    }

    private static StepRun only(List<StepRun> steps) {
        assertThat(steps).hasSize(1);
        return steps.get(0);
    }

    /** An operator whose execution has one step, "read", COMPLETED, with {@code values} as its metrics. */
    private static JobOperator operatorWith(Map<Metric.MetricType, Long> values) {
        Metric[] metrics = values.entrySet().stream()
                .map(e -> metric(e.getKey(), e.getValue()))
                .toArray(Metric[]::new);
        StepExecution step = (StepExecution) Proxy.newProxyInstance(
                StepMetricsTest.class.getClassLoader(),
                new Class<?>[] {StepExecution.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getStepName" -> "read";
                    case "getBatchStatus" -> BatchStatus.COMPLETED;
                    case "getMetrics" -> metrics;
                    default -> null;
                });
        return (JobOperator) Proxy.newProxyInstance(
                StepMetricsTest.class.getClassLoader(),
                new Class<?>[] {JobOperator.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getStepExecutions" -> List.of(step);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Metric metric(Metric.MetricType type, long value) {
        return new Metric() {
            @Override
            public MetricType getType() {
                return type;
            }

            @Override
            public long getValue() {
                return value;
            }
        };
    }
}
