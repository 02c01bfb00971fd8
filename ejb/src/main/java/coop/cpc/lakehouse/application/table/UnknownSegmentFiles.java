package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
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
     * What keeps the files of a batch, if anything.
     *
     * @param unknown those nothing names or holds: deletable
     * @param named those the catalog names (a segment or a run's staged list): after a commit that let them go, the
     *     commit was reported but not made
     * @param held those a writer or a read of this server holds, or every other while a snapshot expiry is under way
     */
    public record Answer(List<String> unknown, List<String> named, List<String> held) {}

    /**
     * @param batch paths relative to the storage folder, at most {@link OrphanSegmentCleanup#LOOKUP_BATCH} (a bound on
     *     the queries' parameters)
     * @return those no writer holds, no run staged, no segment names and no read of this server still uses
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> among(List<String> batch) {
        return sort(batch).unknown();
    }

    /**
     * @param batch as for {@link #among}
     * @return the batch split by what keeps each file
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Answer sort(List<String> batch) {
        // The hold and the staged list first, the catalog last: a writer lets a file go (releases its hold, or
        // unstages it in its commit transaction) only once its commit is visible, so a file let go between the
        // checks is found in the catalog (the other order could miss both: not yet committed when the catalog
        // is asked, let go when the hold or the staged list is).
        List<String> held = new ArrayList<>();
        List<String> named = new ArrayList<>();
        List<String> unheld = new ArrayList<>();
        for (String path : batch) {
            (uncommitted.holds(path) ? held : unheld).add(path);
        }
        if (unheld.isEmpty()) {
            return new Answer(List.of(), named, held);
        }
        Set<String> staged = runs.stagedAmong(unheld);
        List<String> unstaged = new ArrayList<>();
        for (String path : unheld) {
            (staged.contains(path) ? named : unstaged).add(path);
        }
        if (unstaged.isEmpty()) {
            return new Answer(List.of(), named, held);
        }
        Set<String> known = segments.knownPaths(unstaged);
        // The reads in flight after the catalog: an expiry keeps a file for them only once it has forgotten it (and
        // counts as under way before), so a file the catalog no longer names is found kept here.
        List<String> unknown = new ArrayList<>();
        for (String path : unstaged) {
            if (known.contains(path)) {
                named.add(path);
            } else {
                (reads.keeps(path) ? held : unknown).add(path);
            }
        }
        return new Answer(unknown, named, held);
    }
}
