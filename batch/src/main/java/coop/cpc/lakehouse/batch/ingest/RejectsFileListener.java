package coop.cpc.lakehouse.batch.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.application.ingest.RejectsFiles;
import coop.cpc.lakehouse.application.storage.OwnerOnlyFiles;
import coop.cpc.lakehouse.batch.operator.JobParameters;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.RejectedRecord;
import jakarta.batch.api.chunk.listener.SkipReadListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Logger;

/**
 * Appends each rejected record with its reason to the run's rejects file (see {@link RejectsFiles}), which it creates,
 * with its folders, readable by the server's account only ({@link OwnerOnlyFiles}): the reasons can quote source values.
 * A record is written when it is skipped, before its chunk commits; a chunk that rolls back and is
 * read again by a restart (a new execution, a new file) may list it again there.
 */
@Named("rejectsFileListener")
@Dependent
public class RejectsFileListener implements SkipReadListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(RejectsFileListener.class.getName());

    @Inject
    JobContext job;

    @Inject
    LakehouseSettings settings;

    @Override
    public void onSkipReadItem(Exception e) throws IOException {
        RejectedRecord record = e instanceof RejectedRecordException rejected
                ? rejected.record()
                : new RejectedRecord("source", "unknown", e.getClass().getSimpleName() + ": " + e.getMessage());
        ObjectNode line = JSON.createObjectNode();
        line.put("source", record.source());
        line.put("position", record.position());
        line.put("reason", record.reason());
        Path file = RejectsFiles.resolve(
                settings.webmStoragePath(), JobParameters.jobId(job.getProperties()), job.getExecutionId());
        OwnerOnlyFiles.createDirectories(file.getParent());
        try (OutputStream out =
                OwnerOnlyFiles.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        LOG.fine(() -> "Rejected " + record.source() + " " + record.position());
    }
}
