package coop.cpc.lakehouse.batch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.ingest.IngestionRunService;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A run that committed stays committed: what follows the commit cannot fail it. */
class CommitBatchletTest {

    @Test
    void aFailureAfterTheCommitIsToldInTheExitStatusNotThrown() {
        IngestionRunService failing = service(new AtomicInteger(), new IOException("processed/ is read-only"));

        String exit = CommitBatchlet.afterCommit(failing, UUID.randomUUID(), 7, "COMMITTED 3 rows");

        assertThat(exit)
                .isEqualTo("COMMITTED 3 rows; after the commit: processed/ is read-only"
                        + " (the next run of the job finishes it)");
    }

    @Test
    void aLongAfterCommitFailureIsCutToTheExitStatusColumnAndShowsNoServerPath() {
        String tmp = System.getProperty("java.io.tmpdir");
        IngestionRunService failing = service(
                new AtomicInteger(),
                new IOException(tmp + "/lakehouse/processed/a.csv exists; " + "and more ".repeat(80)));

        String exit = CommitBatchlet.afterCommit(failing, UUID.randomUUID(), 7, "COMMITTED 3 rows");

        assertThat(exit).startsWith("COMMITTED 3 rows; after the commit: ").hasSize(RunFailures.MAX_EXIT_STATUS);
        assertThat(exit).doesNotContain(tmp);
    }

    @Test
    void theStepAfterTheCommitRunsOnceAndKeepsTheExitStatus() {
        AtomicInteger calls = new AtomicInteger();

        String exit = CommitBatchlet.afterCommit(service(calls, null), UUID.randomUUID(), 7, "COMMITTED 3 rows");

        assertThat(exit).isEqualTo("COMMITTED 3 rows");
        assertThat(calls).hasValue(1);
    }

    private IngestionRunService service(AtomicInteger afterCommits, Exception failure) {
        return (IngestionRunService) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {IngestionRunService.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("afterCommit")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    afterCommits.incrementAndGet();
                    if (failure != null) {
                        throw failure;
                    }
                    return null;
                });
    }
}
