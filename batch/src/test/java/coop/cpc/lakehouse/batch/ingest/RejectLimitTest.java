package coop.cpc.lakehouse.batch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.ingest.IngestionRunService;
import coop.cpc.lakehouse.application.ingest.RejectsFiles;
import coop.cpc.lakehouse.batch.operator.JobParameters;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.RejectedRecord;
import coop.cpc.lakehouse.ingest.RowSink;
import jakarta.batch.runtime.BatchStatus;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** max_errors bounds a whole run: a restart goes on counting the rejects of the run's earlier executions. */
class RejectLimitTest {

    @TempDir
    Path storage;

    @Test
    void theRecordThatPassesMaxErrorsIsWrittenToTheRejectsFile() throws Exception {
        // The batch runtime calls no skip listener for it: the record is not skipped, the run fails on it.
        SourceItemReader reader = restartedAfterRejecting(10);

        assertThatThrownBy(reader::readItem).isInstanceOf(TooManyRejectedRecordsException.class);

        Path rejects = RejectsFiles.resolve(storage, JobParameters.jobId(reader.job.getProperties()), 1L);
        assertThat(Files.readAllLines(rejects))
                .containsExactly("{\"source\":\"file:/in/visits.csv\",\"position\":\"record 1\","
                        + "\"reason\":\"column 'hr' expects int32, got \\\"abc\\\"\"}");
    }

    @Test
    void aRestartFailsOnceTheRejectsOfAllTheRunsExecutionsPassMaxErrors() throws Exception {
        SourceItemReader reader = restartedAfterRejecting(9);

        assertThatThrownBy(reader::readItem).isInstanceOf(RejectedRecordException.class);
        assertThatThrownBy(reader::readItem)
                .isInstanceOf(TooManyRejectedRecordsException.class)
                .hasMessage("file:/in/visits.csv record 2: column 'hr' expects int32, got \"abc\"");
    }

    @Test
    void aNewRunStartsCountingAtZero() throws Exception {
        SourceItemReader reader = reader();
        reader.rejectedInInstance = execution -> {
            throw new AssertionError("a new run has no earlier executions");
        };
        reader.open(null);

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(reader::readItem).isInstanceOf(RejectedRecordException.class);
        }
        assertThatThrownBy(reader::readItem).isInstanceOf(TooManyRejectedRecordsException.class);
    }

    /** {@link #reader()} opened by a restart whose run's earlier executions rejected {@code earlier} records. */
    private SourceItemReader restartedAfterRejecting(long earlier) throws Exception {
        SourceItemReader reader = reader();
        reader.rejectedInInstance = execution -> earlier;
        reader.open("after chunk 3");
        return reader;
    }

    /** A reader (max_errors 10) over a source whose every record is rejected. */
    private SourceItemReader reader() {
        SourceItemReader reader = new SourceItemReader();
        reader.job = BatchContexts.job(() -> BatchStatus.STARTED);
        reader.step = BatchContexts.step();
        reader.settings = LakehouseSettings.from(name -> Optional.ofNullable(
                Map.of("data_lakehouse.webm_storage_path", storage.toString()).get(name)));
        reader.service = (IngestionRunService) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {IngestionRunService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("open")) {
                        return new RejectingSource();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return reader;
    }

    private static final class RejectingSource extends ScriptedSource {
        private final AtomicInteger records = new AtomicInteger();

        RejectingSource() {
            super(UUID.randomUUID(), List.of(), "file:/in/visits.csv");
        }

        @Override
        public boolean readNext(RowSink sink) throws Exception {
            sink.reject(new RejectedRecord(
                    "file:/in/visits.csv",
                    "record " + records.incrementAndGet(),
                    "column 'hr' expects int32, got \"abc\""));
            return true;
        }

        @Override
        public Serializable checkpoint() {
            return records.get();
        }
    }
}
