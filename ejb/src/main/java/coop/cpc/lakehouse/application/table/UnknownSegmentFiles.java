package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * Which segment files of one batch of the {@link OrphanSegmentCleanup}'s walk no writer holds, no run staged and no
 * segment of the catalog names, asked in a transaction of its own per batch: the walk of a folder of a million files
 * takes minutes, and one transaction around it would hold a catalog connection (and its locks) that long, and end at
 * the transaction timeout halfway.
 */
@Stateless
public class UnknownSegmentFiles {
    /** Files a writer of this server staged and will still commit (a CDC snapshot in progress) are not orphans. */
    @Inject
    UncommittedSegments uncommitted;

    /** Files staged by an ingestion run that waits for its commit (or a restart) are not orphans. */
    @Inject
    IngestionRunRepository runs;

    @Inject
    SegmentRepository segments;

    /** Files an expiry forgot that a read of this server may still open are not orphans yet. */
    @Inject
    ReadsInFlight reads;

    /**
     * @param batch paths relative to the storage folder, at most {@link OrphanSegmentCleanup#LOOKUP_BATCH} (a bound on
     *     the queries' parameters)
     * @return those no writer holds, no run staged, no segment names and no read of this server still uses
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> among(List<String> batch) {
        // The hold and the staged list first, the catalog last: a writer lets a file go (releases its hold, or
        // unstages it in its commit transaction) only once its commit is visible, so a file let go between the
        // checks is found in the catalog (the other order could miss both: not yet committed when the catalog
        // is asked, let go when the hold or the staged list is).
        List<String> unheld =
                batch.stream().filter(path -> !uncommitted.holds(path)).toList();
        if (unheld.isEmpty()) {
            return unheld;
        }
        Set<String> staged = runs.stagedAmong(unheld);
        List<String> unstaged =
                unheld.stream().filter(path -> !staged.contains(path)).toList();
        if (unstaged.isEmpty()) {
            return unstaged;
        }
        Set<String> known = segments.knownPaths(unstaged);
        // The reads in flight after the catalog: an expiry keeps a file for them only once it has forgotten it (and
        // counts as under way before), so a file the catalog no longer names is found kept here.
        return unstaged.stream()
                .filter(path -> !known.contains(path) && !reads.keeps(path))
                .toList();
    }
}
