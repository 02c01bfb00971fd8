package coop.cpc.lakehouse.batch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.ingest.IngestionRunService;
import coop.cpc.lakehouse.application.observability.IngestionActivity;
import coop.cpc.lakehouse.batch.operator.EndingExecutions;
import jakarta.batch.runtime.BatchStatus;
import java.lang.reflect.Proxy;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunStatusListenerTest {
    private static final long EXECUTION = 1;

    private final EndingExecutions ending = new EndingExecutions();

    @Test
    void aRunsEndIsHiddenFromItsStartUntilAfterJobHasWrittenIt() {
        RunStatusListener listener = listener(service(null));

        listener.beforeJob();
        assertThat(ending.hidesEnd(EXECUTION, Instant.now())).isTrue();

        listener.afterJob();
        assertThat(ending.hidesEnd(EXECUTION, Instant.now())).isFalse();
    }

    @Test
    void anEndWhoseWritingFailedIsNotHidden() {
        RunStatusListener listener = listener(service("ended"));
        listener.beforeJob();

        assertThatThrownBy(listener::afterJob).hasMessageContaining("catalog down");
        assertThat(ending.hidesEnd(EXECUTION, Instant.now())).isFalse();
    }

    @Test
    void aRunWhoseStartWasNotRecordedHidesNoEnd() {
        RunStatusListener listener = listener(service("started"));

        assertThatThrownBy(listener::beforeJob).hasMessageContaining("catalog down");
        assertThat(ending.hidesEnd(EXECUTION, Instant.now())).isFalse();
    }

    @Test
    void aRunStillStoppingInAfterJobEndedStoppedAndOneStillStartedCompleted() {
        // Open Liberty sets STOPPED and COMPLETED after the job listeners; JBeret before.
        assertThat(RunStatusListener.endedStatus(BatchStatus.STOPPING)).isEqualTo(BatchStatus.STOPPED);
        assertThat(RunStatusListener.endedStatus(BatchStatus.STARTED)).isEqualTo(BatchStatus.COMPLETED);
        assertThat(RunStatusListener.endedStatus(BatchStatus.STOPPED)).isEqualTo(BatchStatus.STOPPED);
        assertThat(RunStatusListener.endedStatus(BatchStatus.FAILED)).isEqualTo(BatchStatus.FAILED);
    }

    private RunStatusListener listener(IngestionRunService service) {
        RunStatusListener listener = new RunStatusListener();
        listener.job = BatchContexts.job(() -> BatchStatus.STOPPED);
        listener.service = service;
        listener.activity = new IngestionActivity();
        listener.ending = ending;
        return listener;
    }

    /** The catalog's side of a run; the call named {@code failing} (if any) fails as a lost database would. */
    private static IngestionRunService service(String failing) {
        return (IngestionRunService) Proxy.newProxyInstance(
                RunStatusListenerTest.class.getClassLoader(),
                new Class<?>[] {IngestionRunService.class},
                (proxy, method, args) -> {
                    if (method.getName().equals(failing)) {
                        throw new IllegalStateException("catalog down");
                    }
                    return null;
                });
    }
}
