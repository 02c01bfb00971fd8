package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.table.CommitResult;
import coop.cpc.lakehouse.application.table.CommitWork;
import coop.cpc.lakehouse.application.table.CompactionCommit;
import coop.cpc.lakehouse.application.table.MultiCommitResult;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.StagedChanges;
import coop.cpc.lakehouse.application.table.TableChanges;
import coop.cpc.lakehouse.application.table.TableCommits;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import jakarta.ejb.EJBException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit whose call throws may have committed all the same (the connection lost while COMMIT was under way):
 * its staged files are deleted only when the catalog, asked afterwards, does not name them; when the catalog cannot
 * be asked either, none is (the orphan cleanup deletes the ones it does not name).
 */
class AmbiguousCommitTest {
    private static final Column ID = new Column("id", ColumnType.parse("int64"), false);
    private static final Column NAME = new Column("name", ColumnType.parse("string"), true);

    @TempDir
    Path root;

    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private DefaultTableService service;
    private UUID assetId;
    private Outcome outcome;

    @BeforeEach
    void wire() throws Exception {
        SegmentFiles files = new SegmentFiles(root);
        service =
                TableServiceFixture.wired(catalog, files, Map.of("data_lakehouse.compaction_change_segments", "1000"));
        assetId = TableServiceFixture.keyedAccounts(catalog).getId();
        outcome = new Outcome(catalog, files);
        service.commits = outcome;
    }

    @Test
    void aCommitThatThrowsAfterTheCatalogCommittedKeepsTheFilesItNames() {
        outcome.failAfterRecording = true;

        assertThatThrownBy(() -> service.append(assetId, List.of(ID, NAME), rows(1), null, null))
                .isInstanceOf(EJBException.class);

        assertThat(catalog.segmentRows).hasSize(1);
        assertThat(Files.isRegularFile(root.resolve(catalog.segmentRows.get(0).getPath())))
                .as("the segment file the catalog names")
                .isTrue();
        assertThat(currentNames()).containsExactly("name-1");
    }

    @Test
    void aCommitThatThrowsBeforeTheCatalogCommittedDeletesItsStagedFiles() throws IOException {
        outcome.failBeforeRecording = true;

        assertThatThrownBy(() -> service.commitChanges(
                        Map.of(
                                assetId,
                                TableChanges.of(List.of(ID, NAME))
                                        .upsert(new Object[] {1L, "a"})
                                        .build()),
                        null,
                        null,
                        null))
                .isInstanceOf(EJBException.class);

        assertThat(catalog.segmentRows).isEmpty();
        assertThat(segmentFiles()).isEmpty();
    }

    @Test
    void whenTheCatalogCannotBeAskedAfterAFailedCommitNoStagedFileIsDeleted() throws IOException {
        outcome.failBeforeRecording = true;
        outcome.lookupFails = true;

        assertThatThrownBy(() -> service.append(assetId, List.of(ID, NAME), rows(1), null, null))
                .isInstanceOf(EJBException.class);

        assertThat(segmentFiles()).as("left to the orphan cleanup").hasSize(1);
    }

    @Test
    void discardingStagedChangesThatCommittedDeletesNone() throws Exception {
        StagedChanges staged = service.stage(
                assetId,
                TableChanges.of(List.of(ID, NAME))
                        .upsert(new Object[] {1L, "a"})
                        .build());
        service.commit(List.of(staged), null, null, null);

        service.discard(List.of(staged));

        assertThat(currentNames()).containsExactly("a");
    }

    @Test
    void aCompactionWhoseCommitThrowsAfterTheCatalogCommittedKeepsItsOutputs() throws Exception {
        service.append(assetId, List.of(ID, NAME), rows(1), null, null);
        service.upsert(assetId, List.of(ID, NAME), List.<Object[]>of(new Object[] {1L, "renamed"}), null, null);
        outcome.failAfterRecording = true;

        assertThatThrownBy(() -> service.compact(assetId)).isInstanceOf(EJBException.class);

        var asset = catalog.assets.find(assetId).orElseThrow();
        List<WebmSegment> live = catalog.segments.findLiveAt(assetId, asset.getCurrentSnapshotId());
        assertThat(live).hasSize(1);
        assertThat(Files.isRegularFile(root.resolve(live.get(0).getPath())))
                .as("the compacted segment the catalog names")
                .isTrue();
        assertThat(currentNames()).containsExactly("renamed");
        assertThat(service.uncommitted.size())
                .as("outputs still held from the orphan cleanup")
                .isZero();
    }

    private List<String> currentNames() {
        try {
            return service.rows(assetId, List.of("name"), List.of(), 10, null, null, 1L << 20).rows().stream()
                    .map(row -> (String) row[0])
                    .toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".webm")).toList();
        }
    }

    private static List<Object[]> rows(int count) {
        return java.util.stream.IntStream.rangeClosed(1, count)
                .mapToObj(i -> new Object[] {(long) i, "name-" + i})
                .toList();
    }

    /** The catalog half of a commit whose outcome the caller does not learn: it throws before or after recording. */
    private static final class Outcome extends TableCommits {
        boolean failBeforeRecording;
        boolean failAfterRecording;
        boolean lookupFails;

        Outcome(InMemoryCatalog catalog, SegmentFiles files) {
            super(catalog.assets, catalog.snapshots, catalog.segments, files);
        }

        @Override
        public <T> MultiCommitResult<T> commitAll(
                List<StagedChanges> staged, CommitWork<T> work, UUID jobId, Long executionId)
                throws coop.cpc.lakehouse.application.asset.UnknownAssetException,
                        coop.cpc.lakehouse.application.table.SchemaMismatchException,
                        coop.cpc.lakehouse.application.table.CommitWorkException {
            failBefore();
            MultiCommitResult<T> result = super.commitAll(staged, work, jobId, executionId);
            failAfter();
            return result;
        }

        @Override
        public CommitResult commitCompaction(UUID assetId, CompactionCommit compaction, String schemaJson)
                throws coop.cpc.lakehouse.application.table.CommitConflictException,
                        coop.cpc.lakehouse.application.asset.UnknownAssetException {
            failBefore();
            CommitResult result = super.commitCompaction(assetId, compaction, schemaJson);
            failAfter();
            return result;
        }

        @Override
        public Set<String> knownPaths(List<String> paths) {
            if (lookupFails) {
                throw new IllegalStateException("the catalog is unreachable");
            }
            return super.knownPaths(paths);
        }

        private void failBefore() {
            if (failBeforeRecording) {
                throw new EJBException("the connection was lost before COMMIT");
            }
        }

        private void failAfter() {
            if (failAfterRecording) {
                throw new EJBException("the connection was lost while COMMIT was under way");
            }
        }
    }
}
