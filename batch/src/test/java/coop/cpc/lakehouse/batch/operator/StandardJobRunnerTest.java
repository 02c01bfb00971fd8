package coop.cpc.lakehouse.batch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.job.ExecutionState;
import coop.cpc.lakehouse.application.job.JobStateException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardJobRunnerTest {
    private final FakeJobOperator runtime = new FakeJobOperator();
    private final EndingExecutions ending = new EndingExecutions();

    @Test
    void stoppingARunShownStoppingWhileItsEndIsWrittenIsAcceptedAndAFinishedOneIsRefused() throws Exception {
        runtime.listedRunning(7, BatchStatus.STOPPED);
        ending.started(7);

        runner().stop(7);

        ending.endWritten(7);
        assertThatThrownBy(() -> runner().stop(7))
                .isInstanceOf(JobStateException.class)
                .hasMessageContaining("execution 7 is not running");
    }

    @Test
    void aStoppedRunIsReportedStoppingUntilItsEndIsWritten() {
        runtime.listedRunning(7, BatchStatus.STOPPED);
        ending.started(7);

        ExecutionState whileWriting = runner().execution(7);
        assertThat(whileWriting.batchStatus()).isEqualTo("STOPPING");
        assertThat(whileWriting.running()).isTrue();
        assertThat(whileWriting.endedAt()).isNull();
        assertThat(whileWriting.exitStatus()).isNull();

        ending.endWritten(7);
        ExecutionState written = runner().execution(7);
        assertThat(written.batchStatus()).isEqualTo("STOPPED");
        assertThat(written.endedAt()).isNotNull();
    }

    @Test
    void aFailedOrCompletedRunIsReportedStartedUntilItsEndIsWritten() {
        runtime.listedRunning(7, BatchStatus.FAILED).listedRunning(8, BatchStatus.COMPLETED);
        ending.started(7);
        ending.started(8);

        assertThat(runner().execution(7).batchStatus()).isEqualTo("STARTED");
        assertThat(runner().execution(8).batchStatus()).isEqualTo("STARTED");
    }

    @Test
    void anExecutionWithoutEndBookkeepingReportsTheRuntimesStatus() {
        runtime.listedRunning(9, BatchStatus.COMPLETED);

        assertThat(runner().execution(9).batchStatus()).isEqualTo("COMPLETED");
    }

    @Test
    void anExecutionTheRepositoryStillListsIsNotRunningOnceTheRuntimeEndedIt() {
        runtime.listedRunning(7, BatchStatus.STOPPED)
                .listedRunning(8, BatchStatus.STARTED)
                .listedRunning(9, BatchStatus.FAILED);

        assertThat(runner().runningExecutions("ingestion")).containsExactly(8L);
    }

    @Test
    void anExecutionWhoseEndIsBeingWrittenIsStillRunning() {
        runtime.listedRunning(7, BatchStatus.STOPPED).listedRunning(8, BatchStatus.STOPPING);
        ending.started(7);

        assertThat(runner().runningExecutions("ingestion")).containsExactly(7L, 8L);
    }

    @Test
    void anInterruptedExecutionIsEndedInTheRepositoryBeforeItIsAbandonedSoTheRuntimeDoesNotTakeItForRunning()
            throws Exception {
        // A server stop left execution 7 STARTED in the repository: nothing runs it.
        runtime.listedRunning(7, BatchStatus.STARTED);
        List<Long> ended = new ArrayList<>();
        InterruptedExecutionRegistry interrupted =
                new InterruptedExecutionRegistry("job_execution", "jobexecutionid", BatchStatus::name, "WILDFLY") {
                    @Override
                    public void endInterrupted(long executionId) {
                        ended.add(executionId);
                        runtime.setStatus(executionId, BatchStatus.FAILED);
                    }
                };

        runner(interrupted).abandon(7);

        assertThat(ended).containsExactly(7L);
        assertThat(runtime.status(7)).isEqualTo(BatchStatus.ABANDONED);
    }

    private StandardJobRunner runner() {
        return runner(
                new InterruptedExecutionRegistry("job_execution", "jobexecutionid", BatchStatus::name, "WILDFLY") {});
    }

    private StandardJobRunner runner(InterruptedExecutionRegistry interrupted) {
        JobOperator operator = runtime.operator();
        StandardJobRunner runner = new StandardJobRunner() {
            @Override
            protected InterruptedExecutionRegistry interrupted() {
                return interrupted;
            }

            @Override
            protected List<Long> runningOnRuntime(String jobName) {
                return runtime.runningExecutions();
            }

            @Override
            protected JobOperator operator() {
                return operator;
            }

            @Override
            public String serverKind() {
                return "WILDFLY";
            }
        };
        runner.ending = ending;
        return runner;
    }
}
