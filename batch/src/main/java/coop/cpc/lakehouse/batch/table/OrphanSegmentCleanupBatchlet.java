package coop.cpc.lakehouse.batch.table;

import coop.cpc.lakehouse.application.table.OrphanSegmentCleanup;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/** The step of the {@code orphan-segment-cleanup} job; its exit status says how many files it removed: "REMOVED n". */
@Named("orphanSegmentCleanupBatchlet")
@Dependent
public class OrphanSegmentCleanupBatchlet extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger(OrphanSegmentCleanupBatchlet.class.getName());

    @Inject
    @BatchProperty
    String graceMinutes;

    @EJB
    OrphanSegmentCleanup cleanup;

    @Override
    public String process() throws Exception {
        long minutes = graceMinutes == null || graceMinutes.isBlank()
                ? OrphanSegmentCleanup.GRACE.toMinutes()
                : Long.parseLong(graceMinutes.trim());
        int removed = cleanup.removeOrphans(Instant.now().minus(Duration.ofMinutes(minutes)));
        if (removed > 0) {
            LOG.info(() -> "Removed " + removed + " orphan segment file(s)");
        }
        return "REMOVED " + removed;
    }
}
