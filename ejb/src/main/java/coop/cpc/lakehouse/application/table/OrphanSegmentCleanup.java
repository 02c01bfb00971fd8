package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes segment files neither a snapshot nor an unfinished ingestion run refers to: what a writer
 * left when it crashed (or lost) between writing its files and committing or staging them. A file younger than the grace period may belong to a
 * commit in flight and is kept. Runs as the Jakarta Batch job {@code orphan-segment-cleanup} of the
 * batch module, started there at deployment (after the catalog migration) and hourly.
 */
@Singleton
public class OrphanSegmentCleanup {
    public static final Duration GRACE = Duration.ofHours(1);

    @Inject
    SegmentRepository segments;

    @Inject
    LakehouseSettings settings;

    /** Files staged by an ingestion run that waits for its commit (or a restart) are not orphans. */
    @Inject
    IngestionRunRepository runs;

    @Inject
    SegmentFiles files;

    /** Files a writer of this server staged and will still commit (a CDC snapshot in progress) are not orphans. */
    @Inject
    UncommittedSegments uncommitted;

    /** @return how many files were deleted */
    public int removeOrphans(Instant olderThan) throws IOException {
        List<String> orphans = orphans(olderThan);
        for (String relative : orphans) {
            Files.deleteIfExists(files.resolve(relative));
        }
        return orphans.size();
    }

    /** How many files the next cleanup would delete now (last modified before the grace period), deleting none. */
    public int countOrphans() throws IOException {
        return orphans(Instant.now().minus(GRACE)).size();
    }

    /** Paths (relative to the storage folder) of temporary files and of segment files no snapshot or run knows. */
    private List<String> orphans(Instant olderThan) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path candidate : candidates(settings.webmStoragePath(), olderThan)) {
            String relative = settings.webmStoragePath()
                    .toAbsolutePath()
                    .normalize()
                    .relativize(candidate)
                    .toString();
            boolean temporary = candidate.getFileName().toString().endsWith(".tmp");
            // The hold and the staged list first, the catalog last: a writer lets a file go (releases its hold, or
            // unstages it in its commit transaction) only once its commit is visible, so a file let go between the
            // checks is found in the catalog (the other order could miss both: not yet committed when the catalog
            // is asked, let go when the hold or the staged list is).
            if (temporary
                    || !uncommitted.holds(relative)
                            && !runs.isStaged(relative)
                            && segments.findByPath(relative).isEmpty()) {
                found.add(relative);
            }
        }
        return found;
    }

    /** Segment and temporary files under {@code root} last modified before {@code olderThan}. */
    static List<Path> candidates(Path root, Instant olderThan) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(base)) {
            return found;
        }
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                String name = path.getFileName().toString();
                if ((name.endsWith(".webm") || name.endsWith(".webm.tmp"))
                        && Files.getLastModifiedTime(path).toInstant().isBefore(olderThan)) {
                    found.add(path);
                }
            }
        }
        return found;
    }
}
