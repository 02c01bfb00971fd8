package coop.cpc.lakehouse.batch.table;

import coop.cpc.lakehouse.application.Names;
import coop.cpc.lakehouse.application.ingest.OrphanRejectsCleanup;
import coop.cpc.lakehouse.application.table.OrphanSegmentCleanup;
import coop.cpc.lakehouse.application.table.SegmentFolderRefusedException;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * The step of the {@code orphan-segment-cleanup} job; its exit status says how many files it removed, "REMOVED n", or
 * that it deleted nothing because the storage folder is not this catalog's: "REFUSED FOREIGN", "REFUSED
 * INVALID_MARKER" or "REFUSED UNCLAIMED" (the server log says why). It first deletes the sort runs that analyses
 * interrupted by a crash left in the spill folder (counted in the server log, not in the exit status), refused folder
 * or not. Once the folder is found this catalog's, it also deletes the rejects files whose run the catalog no longer
 * has ({@link OrphanRejectsCleanup}: a crash between the run history purge's commit and its deletion of them), counted
 * in the server log.
 */
@Named("orphanSegmentCleanupBatchlet")
@Dependent
public class OrphanSegmentCleanupBatchlet extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger(OrphanSegmentCleanupBatchlet.class.getName());
    /** Below an hour, files still being written (temporaries, a chunk's files not yet staged) would go. */
    static final long MIN_GRACE_MINUTES = OrphanSegmentCleanup.GRACE.toMinutes();
    /** A week: longer keeps a crash's leftovers for no use. */
    static final long MAX_GRACE_MINUTES = 7 * 24 * 60;

    @Inject
    @BatchProperty
    String graceMinutes;

    @EJB
    OrphanSegmentCleanup cleanup;

    @EJB
    OrphanRejectsCleanup rejects;

    @Override
    public String process() throws Exception {
        long minutes = graceMinutes == null || graceMinutes.isBlank() ? MIN_GRACE_MINUTES : grace(graceMinutes.trim());
        Instant olderThan = Instant.now().minus(Duration.ofMinutes(minutes));
        int spillRuns = cleanup.removeSpillLeftovers(olderThan);
        if (spillRuns > 0) {
            LOG.info(() ->
                    "Removed " + spillRuns + " sort run file(s) that interrupted analyses left in the spill folder");
        }
        int removed;
        try {
            removed = cleanup.removeOrphans(olderThan);
        } catch (SegmentFolderRefusedException notThisCatalogs) {
            // The cleanup logged why (naming the folder); the job ends without deleting anything.
            return "REFUSED " + notThisCatalogs.verdict().kind();
        }
        if (removed > 0) {
            LOG.info(() -> "Removed " + removed + " orphan segment file(s)");
        }
        int rejectsFiles = rejects.removeOrphans(olderThan);
        if (rejectsFiles > 0) {
            LOG.info(() -> "Removed " + rejectsFiles + " rejects file(s) of runs the catalog no longer has");
        }
        return "REMOVED " + removed;
    }

    private static long grace(String minutes) {
        long parsed;
        try {
            parsed = Long.parseLong(minutes);
        } catch (NumberFormatException notAWholeNumber) {
            parsed = -1;
        }
        if (parsed < MIN_GRACE_MINUTES || parsed > MAX_GRACE_MINUTES) {
            throw new IllegalArgumentException("graceMinutes must be a whole number of minutes from "
                    + MIN_GRACE_MINUTES + " to " + MAX_GRACE_MINUTES + ", not " + Names.abbreviate(minutes));
        }
        return parsed;
    }
}
