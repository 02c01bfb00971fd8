package coop.cpc.lakehouse.batch.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.application.ingest.RejectsFiles;
import coop.cpc.lakehouse.application.storage.OwnerOnlyFiles;
import coop.cpc.lakehouse.batch.operator.JobParameters;
import coop.cpc.lakehouse.ingest.RejectedRecord;
import jakarta.batch.runtime.context.JobContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends a rejected record with its reason to the rejects file of the job's execution ({@link RejectsFiles}), which
 * it creates, with its folders, readable by the server's account only ({@link OwnerOnlyFiles}): the reasons can quote
 * source values. Used for every reject: those the run skips and the one that makes it fail on max_errors.
 */
final class RejectsFileAppender {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RejectsFileAppender() {}

    static void append(Path storageRoot, JobContext job, RejectedRecord record) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("source", record.source());
        line.put("position", record.position());
        line.put("reason", record.reason());
        Path file = RejectsFiles.resolve(storageRoot, JobParameters.jobId(job.getProperties()), job.getExecutionId());
        OwnerOnlyFiles.createDirectories(file.getParent());
        try (OutputStream out =
                OwnerOnlyFiles.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
