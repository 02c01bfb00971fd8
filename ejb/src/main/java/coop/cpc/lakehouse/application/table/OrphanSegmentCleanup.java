package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.adapter.crm.SpillLeftovers;
import coop.cpc.lakehouse.catalog.storage.StorageMarker;
import coop.cpc.lakehouse.catalog.storage.StorageOwnership;
import coop.cpc.lakehouse.catalog.storage.StorageVerdict;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes segment files neither a snapshot nor an unfinished ingestion run refers to: what a writer
 * left when it crashed (or lost) between writing its files and committing or staging them, in a storage folder that
 * is this catalog's ({@link StorageClaim}: another catalog's segments are never orphans here). A file younger than
 * the grace period may belong to a commit in flight and is kept. The catalog is asked about the files in
 * batches of {@value #LOOKUP_BATCH} paths (two queries per batch), never once per file, each batch in a transaction of
 * its own ({@link UnknownSegmentFiles}): the walk itself runs outside any transaction, as it may take minutes. Runs as
 * the Jakarta Batch job {@code orphan-segment-cleanup} of the batch module, started there at deployment (after the
 * catalog migration) and hourly. The same job deletes the sort runs interrupted analyses left ({@link
 * #removeSpillLeftovers}).
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OrphanSegmentCleanup {
    public static final Duration GRACE = Duration.ofHours(1);

    /** How many paths one catalog lookup asks about (a bound on its parameters, not on the files). */
    static final int LOOKUP_BATCH = 1_000;

    /**
     * How many files the cleanup's walk holds at a time: it hands them to the catalog lookup, deletes that batch's
     * orphans and walks on, so a folder of millions of files costs one batch of memory. At most {@link
     * #LOOKUP_BATCH}; smaller in tests.
     */
    int walkBatch = LOOKUP_BATCH;

    @Inject
    LakehouseSettings settings;

    @Inject
    SegmentFiles files;

    /** Asks the catalog about one batch of files, in a transaction of its own. */
    @Inject
    UnknownSegmentFiles unknownFiles;

    /** Whether the folder is this catalog's: only then are the files it does not know orphans. */
    @Inject
    StorageClaim claim;

    /**
     * @return how many files were deleted
     * @throws SegmentFolderRefusedException when the folder is not this catalog's (its marker names another catalog, or it
     *     has none and holds files this catalog does not know): nothing is deleted
     */
    public int removeOrphans(Instant olderThan) throws IOException {
        StorageVerdict verdict = checkStorage();
        if (!verdict.owned()) {
            throw new SegmentFolderRefusedException(verdict);
        }
        return eachOrphanBatch(olderThan, orphans -> {
            for (String relative : orphans) {
                files.delete(relative);
            }
        });
    }

    /**
     * Whether the storage folder is this catalog's, claiming it when it has no marker and every segment file in it is
     * one the catalog knows ({@link StorageOwnership}). A missing folder is left alone (the readiness check reports
     * it).
     */
    public StorageVerdict checkStorage() throws IOException {
        Path base = storageRoot(settings.webmStoragePath());
        if (!Files.isDirectory(base)) {
            throw new NoSuchFileException(base.toString(), null, "the segment folder webm_storage_path is missing");
        }
        return claim.check(base, folder -> unknownToTheClaim(base));
    }

    /**
     * The check at deployment, bounded whatever the folder holds: reads the marker, and claims an unmarked folder only
     * when it holds no segment file (nor another catalog's marked folder) at all, asking the catalog nothing. An
     * unmarked folder with files is left to the orphan cleanup job (started at deployment and hourly), which walks
     * it outside the deployment.
     *
     * @return the verdict, empty when the folder was left to the cleanup job
     */
    public Optional<StorageVerdict> checkStorageAtDeployment() throws IOException {
        Path base = storageRoot(settings.webmStoragePath());
        if (!Files.exists(StorageMarker.of(base), LinkOption.NOFOLLOW_LINKS)
                && !firstFilesFound(base, Instant.MAX, 1, batch -> false).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(claim.check(base, folder -> firstFilesFound(folder, Instant.MAX, 1, batch -> false)));
    }

    /**
     * What keeps an unmarked folder from being claimed: a folder inside it that another catalog marked (its
     * marker's path), or the first batch of files that holds files this catalog does not know (those files). The
     * walk stops there, and keeps one batch at a time.
     */
    private List<String> unknownToTheClaim(Path base) throws IOException {
        List<String> unknown = new ArrayList<>();
        // A writer's temporary file younger than the grace period is one in flight (this server's, or another's, whose
        // finish reads the marker again before its rename and then refuses): it does not keep the claim off. Older
        // ones (a crash's leftovers) do, as they would be deleted once the folder is claimed.
        Instant inFlightSince = Instant.now().minus(GRACE);
        List<String> marked = firstFilesFound(base, inFlightSince, LOOKUP_BATCH, batch -> {
            unknown.addAll(unknownAmong(base, batch));
            return unknown.isEmpty();
        });
        // Files the catalog does not know stopped the walk, or else (every batch passed) a marked folder did.
        return unknown.isEmpty() ? marked : unknown;
    }

    /**
     * Walks {@code base} handing its segment and temporary files to {@code goOn} in batches of {@code size} until
     * it answers false.
     *
     * @return the marker's path (relative to {@code base}) of the first folder inside it another catalog marked, or
     *     else the files of the batch the walk stopped at; empty when it went through
     */
    private static List<String> firstFilesFound(
            Path base, Instant tempsOlderThan, int size, OldSegmentFiles.Batches goOn) throws IOException {
        OldSegmentFiles walk = new OldSegmentFiles(base, tempsOlderThan, size, goOn);
        Files.walkFileTree(base, walk);
        if (!walk.markedFolders().isEmpty()) {
            return List.of(base.relativize(StorageMarker.of(walk.markedFolders().get(0)))
                    .toString());
        }
        if (!walk.stopped() && !walk.found().isEmpty() && goOn.next(walk.found())) {
            return List.of();
        }
        return walk.found().stream()
                .map(file -> base.relativize(file).toString())
                .toList();
    }

    /**
     * Deletes the sort runs that journey and cohort analyses interrupted by a crash left in {@code
     * <webm_storage_path>/.spill} ({@link SpillLeftovers}): customers' interactions no other cleanup reaches. Done
     * whether or not the folder is this catalog's, since this server's analyses spill there either way.
     *
     * @return how many run files were deleted
     */
    public int removeSpillLeftovers(Instant olderThan) throws IOException {
        return SpillLeftovers.delete(SpillLeftovers.folder(storageRoot(settings.webmStoragePath())), olderThan);
    }

    /** How many files the next cleanup would delete now (last modified before the grace period), deleting none. */
    public int countOrphans() throws IOException {
        return eachOrphanBatch(Instant.now().minus(GRACE), orphans -> {});
    }

    /** What is done with one batch's orphans (paths relative to the storage folder). */
    @FunctionalInterface
    private interface OrphanBatch {
        void accept(List<String> orphans) throws IOException;
    }

    /**
     * Walks the storage folder (outside the folders another catalog marked) and, for each batch of at most {@link
     * #walkBatch} segment and temporary files last modified before {@code olderThan}, asks the catalog which are
     * orphans ({@link #unknownAmong}) and hands those to {@code then} before walking on: only one batch is held.
     *
     * @return how many orphans were found
     */
    private int eachOrphanBatch(Instant olderThan, OrphanBatch then) throws IOException {
        Path base = storageRoot(settings.webmStoragePath());
        if (!Files.isDirectory(base)) {
            return 0;
        }
        int[] found = {0};
        OldSegmentFiles walk = OldSegmentFiles.inBatches(base, olderThan, Math.min(walkBatch, LOOKUP_BATCH), batch -> {
            List<String> orphans = unknownAmong(base, batch);
            try {
                then.accept(orphans);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            found[0] += orphans.size();
            return true;
        });
        try {
            Files.walkFileTree(base, walk);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (!walk.found().isEmpty()) {
            List<String> orphans = unknownAmong(base, walk.found());
            then.accept(orphans);
            found[0] += orphans.size();
        }
        return found[0];
    }

    /** Paths (relative to {@code base}) of the temporary files and of the segment files no snapshot or run knows. */
    private List<String> unknownAmong(Path base, List<Path> candidates) {
        List<String> found = new ArrayList<>();
        List<String> segmentFiles = new ArrayList<>();
        for (Path candidate : candidates) {
            String relative = base.relativize(candidate).toString();
            if (candidate.getFileName().toString().endsWith(".tmp")) {
                found.add(relative);
            } else {
                segmentFiles.add(relative);
            }
        }
        for (int from = 0; from < segmentFiles.size(); from += LOOKUP_BATCH) {
            found.addAll(
                    unknownFiles.among(segmentFiles.subList(from, Math.min(from + LOOKUP_BATCH, segmentFiles.size()))));
        }
        return found;
    }

    /**
     * The storage folder's real path: the walk does not follow links, so a {@code webm_storage_path} that is a
     * symbolic link would be walked as the link alone, finding nothing. A missing folder stays as given.
     */
    static Path storageRoot(Path configured) throws IOException {
        Path base = configured.toAbsolutePath().normalize();
        return Files.isDirectory(base) ? base.toRealPath() : base;
    }

    /**
     * Segment and temporary files under {@code root} last modified before {@code olderThan}, outside the folders
     * another catalog marked, all in one list (the cleanup itself walks in batches: {@link #eachOrphanBatch}).
     */
    static List<Path> candidates(Path root, Instant olderThan) throws IOException {
        return walk(root, olderThan).found();
    }

    private static OldSegmentFiles walk(Path root, Instant olderThan) throws IOException {
        Path base = storageRoot(root);
        OldSegmentFiles walk = new OldSegmentFiles(base, olderThan);
        if (Files.isDirectory(base)) {
            Files.walkFileTree(base, walk);
        }
        return walk;
    }

    /**
     * Collects the segment and temporary files last modified before a time. A file or folder that vanishes
     * during the walk (snapshot expiry or compaction deleting it) is skipped: it is no orphan to count or delete.
     * A folder below the root that holds a marker is another catalog's segment folder (nested in this one): it is
     * noted and not entered, so none of its files is ever an orphan here.
     */
    static final class OldSegmentFiles extends SimpleFileVisitor<Path> {
        private final Path root;
        private final Instant olderThan;
        private final Instant tempsOlderThan;
        private final List<Path> found = new ArrayList<>();
        private final List<Path> markedFolders = new ArrayList<>();

        /** Hands the files found to {@code goOn} in batches of {@code batchSize}; the walk stops when it says false. */
        private final int batchSize;

        private final Batches goOn;
        private final boolean stopAtMarkedFolder;
        private boolean stopped;

        /** Whether the walk goes on after a batch of files. */
        @FunctionalInterface
        interface Batches {
            boolean next(List<Path> batch);
        }

        /** Collects every file, and skips the marked folders. */
        OldSegmentFiles(Path root, Instant olderThan) {
            this(root, olderThan, olderThan, Integer.MAX_VALUE, batch -> true, false);
        }

        /**
         * Hands every segment file, and the temporary files last modified before {@code tempsOlderThan}, over in
         * batches, and stops at the first marked folder.
         */
        OldSegmentFiles(Path root, Instant tempsOlderThan, int batchSize, Batches goOn) {
            this(root, Instant.MAX, tempsOlderThan, batchSize, goOn, true);
        }

        /**
         * Hands the files last modified before {@code olderThan} over in batches of {@code batchSize} (the last,
         * smaller one stays in {@link #found}), and skips the marked folders.
         */
        static OldSegmentFiles inBatches(Path root, Instant olderThan, int batchSize, Batches goOn) {
            return new OldSegmentFiles(root, olderThan, olderThan, batchSize, goOn, false);
        }

        private OldSegmentFiles(
                Path root,
                Instant olderThan,
                Instant tempsOlderThan,
                int batchSize,
                Batches goOn,
                boolean stopAtMarkedFolder) {
            this.tempsOlderThan = tempsOlderThan;
            this.root = root;
            this.olderThan = olderThan;
            this.batchSize = batchSize;
            this.goOn = goOn;
            this.stopAtMarkedFolder = stopAtMarkedFolder;
        }

        /** Whether the walk stopped at a marked folder or at a batch {@code goOn} refused. */
        boolean stopped() {
            return stopped;
        }

        List<Path> found() {
            return found;
        }

        /** The folders below the root that hold a marker (not entered). */
        List<Path> markedFolders() {
            return markedFolders;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
            if (!folder.equals(root) && Files.exists(StorageMarker.of(folder), LinkOption.NOFOLLOW_LINKS)) {
                markedFolders.add(folder);
                if (stopAtMarkedFolder) {
                    stopped = true;
                    return FileVisitResult.TERMINATE;
                }
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            String name = file.getFileName().toString();
            if (attributes.isRegularFile()
                    && (name.endsWith(".webm") || name.endsWith(".webm.tmp"))
                    && attributes
                            .lastModifiedTime()
                            .toInstant()
                            .isBefore(name.endsWith(".tmp") ? tempsOlderThan : olderThan)) {
                found.add(file);
                if (found.size() == batchSize) {
                    if (!goOn.next(found)) {
                        stopped = true;
                        return FileVisitResult.TERMINATE;
                    }
                    found.clear();
                }
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
            if (failure instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
            }
            throw failure;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path folder, IOException failure) throws IOException {
            if (failure == null || failure instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
            }
            throw failure;
        }
    }
}
