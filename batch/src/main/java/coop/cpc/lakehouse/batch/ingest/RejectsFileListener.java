package coop.cpc.lakehouse.batch.ingest;

import coop.cpc.lakehouse.application.ingest.RejectsFiles;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.RejectedRecord;
import jakarta.batch.api.chunk.listener.SkipReadListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Appends each skipped record with its reason to the run's rejects file (see {@link RejectsFiles},
 * {@link RejectsFileAppender}); the record that makes the run fail on max_errors is not skipped, the reader writes it.
 * A record is written when it is skipped, before its chunk commits; a chunk that rolls back and is
 * read again by a restart (a new execution, a new file) may list it again there.
 */
@Named("rejectsFileListener")
@Dependent
public class RejectsFileListener implements SkipReadListener {
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
        RejectsFileAppender.append(settings.webmStoragePath(), job, record);
        LOG.fine(() -> "Rejected " + record.source() + " " + record.position());
    }
}
