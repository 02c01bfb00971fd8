package coop.cpc.lakehouse.application.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.storage.StorageMarker;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanSegmentCleanupTest {

    @TempDir
    Path root;

    @Test
    void considersOnlySegmentAndTemporaryFilesOlderThanTheGracePeriod() throws Exception {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        Path old = touch("health/vitals/data/a.webm", now.minusSeconds(7200));
        Path oldTemp = touch("health/vitals/data/.b.webm.tmp", now.minusSeconds(7200));
        touch("health/vitals/data/c.webm", now.minusSeconds(60));
        touch("health/vitals/notes.txt", now.minusSeconds(7200));

        assertThat(OrphanSegmentCleanup.candidates(root, now.minus(OrphanSegmentCleanup.GRACE)))
                .containsExactlyInAnyOrder(old, oldTemp);
    }

    @Test
    void aFileAWriterStillMeansToCommitIsNoOrphanUntilItLetsGo() throws Exception {
        Instant old = Instant.now().minus(OrphanSegmentCleanup.GRACE).minusSeconds(600);
        Path held = touch("crm/contacts/data/held.webm", old);
        Path orphan = touch("crm/contacts/data/orphan.webm", old);
        UncommittedSegments uncommitted = new UncommittedSegments();
        OrphanSegmentCleanup cleanup = OrphanCleanups.over(
                root, nothingKnown(SegmentRepository.class), nothingKnown(IngestionRunRepository.class), uncommitted);
        uncommitted.hold(List.of("crm/contacts/data/held.webm"));

        assertThat(cleanup.countOrphans()).isEqualTo(1);
        assertThat(cleanup.removeOrphans(Instant.now().minus(OrphanSegmentCleanup.GRACE)))
                .isEqualTo(1);
        assertThat(held).exists();
        assertThat(orphan).doesNotExist();

        uncommitted.release(List.of("crm/contacts/data/held.webm"));
        assertThat(cleanup.removeOrphans(Instant.now().minus(OrphanSegmentCleanup.GRACE)))
                .isEqualTo(1);
        assertThat(held).doesNotExist();
    }

    @Test
    void aFileCommittedAndLetGoWhileTheCleanupLooksIsNoOrphan() throws Exception {
        Instant old = Instant.now().minus(OrphanSegmentCleanup.GRACE).minusSeconds(600);
        String relative = "crm/contacts/data/compacted.webm";
        Path file = touch(relative, old);
        UncommittedSegments uncommitted = new UncommittedSegments();
        uncommitted.hold(List.of(relative));
        // The writer's commit becomes visible, and it lets the file go, just after the catalog is first asked.
        java.util.concurrent.atomic.AtomicBoolean committed = new java.util.concurrent.atomic.AtomicBoolean();
        SegmentRepository segments = SegmentRepository.class.cast(Proxy.newProxyInstance(
                SegmentRepository.class.getClassLoader(),
                new Class<?>[] {SegmentRepository.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("knownPaths")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (committed.getAndSet(true)) {
                        return Set.copyOf((Collection<?>) args[0]);
                    }
                    uncommitted.release(List.of(relative));
                    return Set.of();
                }));
        OrphanSegmentCleanup cleanup =
                OrphanCleanups.over(root, segments, nothingKnown(IngestionRunRepository.class), uncommitted);

        assertThat(cleanup.removeOrphans(Instant.now().minus(OrphanSegmentCleanup.GRACE)))
                .isZero();
        assertThat(file).exists();
    }

    @Test
    void asksTheCatalogOncePerThousandFilesNotOncePerFile() throws Exception {
        Instant old = Instant.now().minus(OrphanSegmentCleanup.GRACE).minusSeconds(600);
        for (int i = 0; i < 10_000; i++) {
            touch("crm/contacts/data/" + i + ".webm", old);
        }
        AtomicInteger queries = new AtomicInteger();
        OrphanSegmentCleanup cleanup = knowingNothingOfAMarkedFolder(root, queries);

        assertThat(cleanup.countOrphans()).isEqualTo(10_000);
        assertThat(queries).as("staged and catalog lookups of 10 batches").hasValue(20);
    }

    /**
     * A folder of a million files takes minutes to walk: one transaction around the walk held a catalog connection
     * (and its table locks) that long, and ended at the transaction timeout halfway. The walk runs outside any
     * transaction, and each batch's lookup in one of its own.
     */
    @Test
    void theWalkRunsOutsideATransactionAndEachBatchInOneOfItsOwn() throws Exception {
        assertThat(OrphanSegmentCleanup.class.getAnnotation(TransactionAttribute.class))
                .extracting(TransactionAttribute::value)
                .isEqualTo(TransactionAttributeType.NOT_SUPPORTED);
        assertThat(UnknownSegmentFiles.class.getMethod("among", List.class).getAnnotation(TransactionAttribute.class))
                .extracting(TransactionAttribute::value)
                .isEqualTo(TransactionAttributeType.REQUIRES_NEW);
        assertThat(Arrays.stream(OrphanSegmentCleanup.class.getDeclaredFields()).map(Field::getType))
                .as("the catalog is asked through the lookup only")
                .doesNotContain(SegmentRepository.class, IngestionRunRepository.class);

        Instant old = Instant.now().minus(Duration.ofDays(1));
        for (int i = 0; i < 2 * OrphanSegmentCleanup.LOOKUP_BATCH + 500; i++) {
            touch("crm/contacts/data/" + i + ".webm", old);
        }
        List<Integer> batches = new ArrayList<>();
        OrphanSegmentCleanup cleanup = knowingEverySegmentOfAFolderAsItIs();
        UnknownSegmentFiles lookup = cleanup.unknownFiles;
        cleanup.unknownFiles = new UnknownSegmentFiles() {
            @Override
            public List<String> among(List<String> batch) {
                batches.add(batch.size());
                return lookup.among(batch);
            }
        };

        assertThat(cleanup.removeOrphans(Instant.now())).isZero();
        assertThat(batches)
                .as("one transaction per batch of the claim's walk, then of the cleanup's")
                .containsExactly(1000, 1000, 500, 1000, 1000, 500);
    }

    @Test
    void aFileThatVanishesDuringTheWalkIsSkipped() throws Exception {
        // Expiry or compaction deletes a file between the folder's listing and the reading of its attributes.
        Path kept = touch("crm/contacts/data/kept.webm", Instant.parse("2026-11-27T10:00:00Z"));
        OrphanSegmentCleanup.OldSegmentFiles walk =
                new OrphanSegmentCleanup.OldSegmentFiles(root, Instant.parse("2026-11-27T11:00:00Z"));
        Files.walkFileTree(root, walk);
        Path vanished = root.resolve("crm/contacts/data/vanished.webm");

        assertThat(walk.visitFileFailed(vanished, new NoSuchFileException(vanished.toString())))
                .isEqualTo(FileVisitResult.CONTINUE);
        assertThat(walk.found()).containsExactly(kept);
        assertThatThrownBy(() -> walk.visitFileFailed(vanished, new AccessDeniedException(vanished.toString())))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void deletesNothingInAFolderAnotherCatalogMarked() throws Exception {
        Path orphan = touch("crm/contacts/data/theirs.webm", Instant.now().minus(Duration.ofDays(1)));
        UUID other = UUID.fromString("0d9e8f7a-1b2c-4d3e-8f40-5a6b7c8d9e0f");
        StorageMarker.claim(root, other);
        OrphanSegmentCleanup cleanup = knowingNothingOfAFolderAsItIs();

        assertThatThrownBy(() -> cleanup.removeOrphans(Instant.now()))
                .isInstanceOf(SegmentFolderRefusedException.class)
                .hasMessageStartingWith("webm_storage_path is marked (.lakehouse-catalog) as the segment folder of"
                        + " catalog " + other + ", and this catalog is " + OrphanCleanups.CATALOG);
        assertThat(orphan).exists();
        assertThat(StorageMarker.read(root)).contains(other);
        assertThatThrownBy(() -> cleanup.files.delete("crm/contacts/data/theirs.webm"))
                .as("no other delete either")
                .isInstanceOf(SegmentFolderRefusedException.class);
        assertThat(orphan).exists();
    }

    @Test
    void theSortRunsACrashLeftInTheSpillFolderAreDeletedEvenInAFolderAnotherCatalogMarked() throws Exception {
        Path leftover = touch(".spill/sort-run-1.bin", Instant.now().minus(Duration.ofHours(2)));
        Path inUse = touch(".spill/sort-run-2.bin", Instant.now().minus(Duration.ofMinutes(5)));
        StorageMarker.claim(root, UUID.fromString("0d9e8f7a-1b2c-4d3e-8f40-5a6b7c8d9e0f"));
        OrphanSegmentCleanup cleanup = knowingNothingOfAFolderAsItIs();

        assertThat(cleanup.removeSpillLeftovers(Instant.now().minus(OrphanSegmentCleanup.GRACE)))
                .isEqualTo(1);
        assertThat(leftover).doesNotExist();
        assertThat(inUse).exists();
    }

    @Test
    void anUnmarkedFolderWithFilesTheCatalogDoesNotKnowIsNeitherClaimedNorCleaned() throws Exception {
        Path unknown = touch("crm/contacts/data/unknown.webm", Instant.now().minus(Duration.ofDays(1)));
        OrphanSegmentCleanup cleanup = knowingNothingOfAFolderAsItIs();

        assertThatThrownBy(() -> cleanup.removeOrphans(Instant.now()))
                .isInstanceOf(SegmentFolderRefusedException.class)
                .hasMessageContaining("1 segment file(s) (crm/contacts/data/unknown.webm)");
        assertThat(unknown).exists();
        assertThat(StorageMarker.read(root)).isEmpty();
    }

    @Test
    void anUnmarkedFolderWhoseFilesTheCatalogKnowsIsClaimedByTheCleanup() throws Exception {
        Path known = touch("crm/contacts/data/known.webm", Instant.now().minus(Duration.ofDays(1)));
        OrphanSegmentCleanup cleanup = knowingEverySegmentOfAFolderAsItIs();

        assertThat(cleanup.removeOrphans(Instant.now())).isZero();

        assertThat(known).exists();
        assertThat(StorageMarker.read(root)).contains(OrphanCleanups.CATALOG);
    }

    @Test
    void aFolderAnotherCatalogMarkedInsideThisOneKeepsItsOldSegments() throws Exception {
        Instant old = Instant.now().minus(Duration.ofDays(2));
        Path theirs = touch("other/crm/accounts/data/theirs.webm", old);
        Path orphan = touch("crm/contacts/data/orphan.webm", old);
        StorageMarker.claim(root.resolve("other"), UUID.fromString("0d9e8f7a-1b2c-4d3e-8f40-5a6b7c8d9e0f"));
        OrphanSegmentCleanup cleanup = knowingNothingOfAMarkedFolder(root);

        assertThat(cleanup.removeOrphans(Instant.now())).isEqualTo(1);
        assertThat(theirs).exists();
        assertThat(orphan).doesNotExist();
    }

    @Test
    void anUnmarkedFolderHoldingAnotherCatalogsMarkedFolderIsNotClaimed() throws Exception {
        touch("other/crm/accounts/data/theirs.webm", Instant.now().minus(Duration.ofDays(2)));
        StorageMarker.claim(root.resolve("other"), UUID.fromString("0d9e8f7a-1b2c-4d3e-8f40-5a6b7c8d9e0f"));
        OrphanSegmentCleanup cleanup = knowingEverySegmentOfAFolderAsItIs();

        assertThatThrownBy(() -> cleanup.removeOrphans(Instant.now()))
                .isInstanceOf(SegmentFolderRefusedException.class)
                .hasMessageContaining("other/.lakehouse-catalog");
        assertThat(StorageMarker.read(root)).isEmpty();
    }

    @Test
    void theClaimStopsAtTheFirstBatchHoldingAFileTheCatalogDoesNotKnow() throws Exception {
        Instant old = Instant.now().minus(Duration.ofDays(1));
        for (int i = 0; i < 3 * OrphanSegmentCleanup.LOOKUP_BATCH; i++) {
            touch("crm/contacts/data/" + i + ".webm", old);
        }
        AtomicInteger queries = new AtomicInteger();
        OrphanSegmentCleanup cleanup = knowingNothingOfAFolderAsItIs(queries);

        assertThatThrownBy(() -> cleanup.removeOrphans(Instant.now()))
                .isInstanceOf(SegmentFolderRefusedException.class)
                .hasMessageContaining("holds at least " + OrphanSegmentCleanup.LOOKUP_BATCH + " segment file(s)");
        assertThat(queries)
                .as("staged and catalog lookups of the first batch only")
                .hasValue(2);
    }

    @Test
    void atDeploymentAFolderHoldingFilesIsLeftToTheCleanupWithoutAskingTheCatalog() throws Exception {
        Path file = touch("crm/contacts/data/known.webm", Instant.now().minus(Duration.ofDays(1)));
        AtomicInteger queries = new AtomicInteger();
        OrphanSegmentCleanup cleanup = knowingNothingOfAFolderAsItIs(queries);

        assertThat(cleanup.checkStorageAtDeployment()).isEmpty();
        assertThat(queries).hasValue(0);
        assertThat(StorageMarker.read(root)).isEmpty();
        assertThat(file).exists();
    }

    @Test
    void atDeploymentAnEmptyFolderIsClaimed() throws Exception {
        Files.createDirectories(root.resolve("crm/contacts/data"));

        assertThat(knowingNothingOfAFolderAsItIs().checkStorageAtDeployment())
                .hasValueSatisfying(verdict -> assertThat(verdict.owned()).isTrue());
        assertThat(StorageMarker.read(root)).contains(OrphanCleanups.CATALOG);
    }

    @Test
    void aTemporaryFileYoungerThanTheGraceDoesNotKeepTheClaimOffButAnOlderOneDoes() throws Exception {
        touch("crm/contacts/data/known.webm", Instant.now().minus(Duration.ofDays(1)));
        Path inFlight = touch("crm/contacts/data/.inflight.webm.tmp", Instant.now());
        OrphanSegmentCleanup cleanup = knowingEverySegmentOfAFolderAsItIs();
        touch("crm/contacts/data/.crashed.webm.tmp", Instant.now().minus(Duration.ofHours(2)));

        assertThatThrownBy(() -> cleanup.removeOrphans(Instant.now().minus(OrphanSegmentCleanup.GRACE)))
                .isInstanceOf(SegmentFolderRefusedException.class)
                .hasMessageContaining(".crashed.webm.tmp");

        Files.delete(root.resolve("crm/contacts/data/.crashed.webm.tmp"));
        assertThat(cleanup.removeOrphans(Instant.now().minus(OrphanSegmentCleanup.GRACE)))
                .isZero();
        assertThat(StorageMarker.read(root)).contains(OrphanCleanups.CATALOG);
        assertThat(inFlight).exists();
    }

    /**
     * A folder of millions of segment files: the cleanup holds one batch of them at a time (at most its walk batch),
     * deleting a batch's orphans before it walks on, never a list of every candidate. The safety rules hold per
     * batch: a file younger than the grace period is not a candidate, a file a writer holds is not an orphan.
     */
    @Test
    void theCleanupLooksUpAndDeletesOneBoundedBatchAtATimeAsItWalks() throws Exception {
        Instant old = Instant.now().minus(OrphanSegmentCleanup.GRACE).minusSeconds(600);
        List<Path> orphans = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            orphans.add(touch("crm/contacts/data/" + i + ".webm", old));
        }
        Path held = touch("crm/contacts/data/held.webm", old);
        Path young = touch("crm/contacts/data/young.webm", Instant.now());
        UncommittedSegments uncommitted = new UncommittedSegments();
        uncommitted.hold(List.of("crm/contacts/data/held.webm"));
        OrphanSegmentCleanup cleanup = OrphanCleanups.over(
                root, nothingKnown(SegmentRepository.class), nothingKnown(IngestionRunRepository.class), uncommitted);
        cleanup.walkBatch = 3;
        UnknownSegmentFiles lookup = cleanup.unknownFiles;
        List<Integer> batches = new ArrayList<>();
        List<Long> deletedBeforeEachLookup = new ArrayList<>();
        cleanup.unknownFiles = new UnknownSegmentFiles() {
            @Override
            public List<String> among(List<String> batch) {
                batches.add(batch.size());
                deletedBeforeEachLookup.add(
                        orphans.stream().filter(Files::notExists).count());
                return lookup.among(batch);
            }
        };

        assertThat(cleanup.removeOrphans(Instant.now().minus(OrphanSegmentCleanup.GRACE)))
                .isEqualTo(10);
        assertThat(batches).as("files looked up at a time (11 old ones)").containsExactly(3, 3, 3, 2);
        assertThat(deletedBeforeEachLookup.get(1))
                .as("orphans of the first batch deleted before the second is looked up")
                .isPositive();
        assertThat(orphans).allSatisfy(orphan -> assertThat(orphan).doesNotExist());
        assertThat(held).exists();
        assertThat(young).exists();
    }

    /** A cleanup whose catalog knows no file, over a folder first marked as this catalog's. */
    private static OrphanSegmentCleanup knowingNothingOfAMarkedFolder(Path folder) {
        return knowingNothingOfAMarkedFolder(folder, new AtomicInteger());
    }

    /** A cleanup whose catalog knows no file and counts the questions it is asked, over a marked folder. */
    private static OrphanSegmentCleanup knowingNothingOfAMarkedFolder(Path folder, AtomicInteger queries) {
        return OrphanCleanups.over(
                folder,
                nothingKnown(SegmentRepository.class, queries),
                nothingKnown(IngestionRunRepository.class, queries),
                new UncommittedSegments());
    }

    /** A cleanup whose catalog knows no file, over the folder as it is (no marker written first). */
    private OrphanSegmentCleanup knowingNothingOfAFolderAsItIs() {
        return knowingNothingOfAFolderAsItIs(new AtomicInteger());
    }

    /** A cleanup whose catalog knows no file and counts the questions it is asked, over the folder as it is. */
    private OrphanSegmentCleanup knowingNothingOfAFolderAsItIs(AtomicInteger queries) {
        return OrphanCleanups.unclaimed(
                root,
                nothingKnown(SegmentRepository.class, queries),
                nothingKnown(IngestionRunRepository.class, queries),
                new UncommittedSegments(),
                new ReadsInFlight());
    }

    /** A cleanup whose catalog knows every segment file it is asked about, over the folder as it is. */
    private OrphanSegmentCleanup knowingEverySegmentOfAFolderAsItIs() {
        return OrphanCleanups.unclaimed(
                root,
                everythingKnown(),
                nothingKnown(IngestionRunRepository.class),
                new UncommittedSegments(),
                new ReadsInFlight());
    }

    /** A catalog that knows every segment file it is asked about. */
    private static SegmentRepository everythingKnown() {
        return SegmentRepository.class.cast(Proxy.newProxyInstance(
                SegmentRepository.class.getClassLoader(),
                new Class<?>[] {SegmentRepository.class},
                (proxy, method, args) -> Set.copyOf((Collection<?>) args[0])));
    }

    /** A repository that knows no segment and no staged file. */
    private static <T> T nothingKnown(Class<T> type) {
        return nothingKnown(type, new AtomicInteger());
    }

    /** A repository that knows no segment and no staged file, and counts the questions it is asked. */
    private static <T> T nothingKnown(Class<T> type, AtomicInteger queries) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            queries.incrementAndGet();
            Class<?> returns = method.getReturnType();
            if (returns == Optional.class) {
                return Optional.empty();
            }
            if (returns == boolean.class) {
                return false;
            }
            if (List.class.isAssignableFrom(returns)) {
                return List.of();
            }
            if (Set.class.isAssignableFrom(returns)) {
                return Set.of();
            }
            throw new UnsupportedOperationException(method.getName());
        }));
    }

    @Test
    void aSymlinkedStorageFolderIsWalkedWhereItPoints() throws Exception {
        Instant old = Instant.now().minus(OrphanSegmentCleanup.GRACE).minusSeconds(600);
        Path orphan = touch("real/crm/contacts/data/orphan.webm", old);
        Path link = Files.createSymbolicLink(root.resolve("storage"), root.resolve("real"));
        OrphanSegmentCleanup cleanup = knowingNothingOfAMarkedFolder(link);

        assertThat(OrphanSegmentCleanup.candidates(link, old.plusSeconds(1))).containsExactly(orphan.toRealPath());
        assertThat(cleanup.countOrphans()).isEqualTo(1);
        assertThat(cleanup.removeOrphans(Instant.now())).isEqualTo(1);
        assertThat(orphan).doesNotExist();
    }

    @Test
    void aMissingStorageFolderHasNoCandidates() throws Exception {
        assertThat(OrphanSegmentCleanup.candidates(root.resolve("absent"), Instant.now()))
                .isEmpty();
    }

    private Path touch(String relative, Instant modified) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
