package coop.cpc.lakehouse.application.table.internal;

import static coop.cpc.lakehouse.application.table.internal.TableServiceFixture.ID_AND_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.table.ChangeCursor;
import coop.cpc.lakehouse.application.table.ChangePage;
import coop.cpc.lakehouse.application.table.CommitResult;
import coop.cpc.lakehouse.application.table.RowChangeEvent;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change feed's bound holds before and while it reads segments, a page replays no further than itself, and
 * the changes fields of one request share the bound.
 */
class ChangeFeedBoundsTest {
    private static final int BOUND = 100;

    @TempDir
    Path root;

    private final AtomicInteger opened = new AtomicInteger();
    private DefaultTableService service;
    private UUID assetId;

    @BeforeEach
    void setUp() throws Exception {
        SegmentFiles files = TableServiceFixture.resolving(root, opened::incrementAndGet);
        TableServiceFixture fixture = new TableServiceFixture(files, TableServiceFixture.keyedIdAndName());
        service = fixture.service;
        assetId = fixture.assetId;
        service.maxChanges = BOUND;
    }

    @Test
    void aSnapshotOfMoreRowsThanTheBoundIsRefusedWithoutOpeningAnySegment() throws Exception {
        CommitResult wide = service.appendText(assetId, ID_AND_NAME, rows(0, BOUND + 1));
        opened.set(0);

        assertThatThrownBy(() -> service.changes(assetId, null, wide.snapshotId(), 10, null, Long.MAX_VALUE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the range holds more than " + BOUND
                        + " changes; read it in narrower ranges (fromSnapshot, toSnapshot)");
        assertThat(opened).as("segment files opened").hasValue(0);
    }

    @Test
    void aSnapshotOfExactlyTheBoundIsRead() throws Exception {
        CommitResult full = service.appendText(assetId, ID_AND_NAME, rows(0, BOUND));

        ChangePage page = service.changes(assetId, null, full.snapshotId(), 10, null, Long.MAX_VALUE);

        assertThat(page.changes()).hasSize(10).allMatch(e -> e.kind() == RowChangeEvent.Kind.INSERT);
        assertThat(page.next()).isNotNull();
    }

    @Test
    void deletingMoreKeysThanTheBoundIsRefusedWhileTheirKeysAreRead() throws Exception {
        CommitResult from = service.appendText(assetId, ID_AND_NAME, rows(0, BOUND + 20));
        List<List<String>> keys = new ArrayList<>();
        for (int id = 0; id < BOUND + 20; id++) {
            keys.add(List.of(String.valueOf(id)));
        }
        CommitResult deleted = service.deleteText(assetId, keys);
        opened.set(0);

        assertThatThrownBy(() ->
                        service.changes(assetId, from.snapshotId(), deleted.snapshotId(), 10, null, Long.MAX_VALUE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the range touches more than " + BOUND
                        + " keys; read it in narrower ranges (fromSnapshot, toSnapshot)");
        assertThat(opened).as("only the delete segment was opened").hasValue(1);
    }

    @Test
    void aPageReplaysTheRangeOnlyUpToItsEnd() throws Exception {
        CommitResult last = null;
        for (int commit = 0; commit < 5; commit++) {
            last = service.appendText(assetId, ID_AND_NAME, rows(commit * 10, 10));
        }
        opened.set(0);

        ChangePage first = service.changes(assetId, null, last.snapshotId(), 5, null, Long.MAX_VALUE);

        assertThat(first.changes()).hasSize(5);
        assertThat(opened).as("segments opened for the first page").hasValue(1);
        List<Long> ids = new ArrayList<>();
        first.changes().forEach(e -> ids.add((Long) e.after()[0]));
        ChangePage page = first;
        while (page.next() != null) {
            page = service.changes(assetId, null, null, 5, page.next(), Long.MAX_VALUE);
            page.changes().forEach(e -> ids.add((Long) e.after()[0]));
        }
        List<Long> expected = new ArrayList<>();
        for (long id = 0; id < 50; id++) {
            expected.add(id);
        }
        assertThat(ids).isEqualTo(expected);
    }

    @Test
    void theChangesFieldsOfOneRequestShareOneReplayBound() throws Exception {
        CommitResult sixty = service.appendText(assetId, ID_AND_NAME, rows(0, 60));
        service.changesReplayed = new ChangesReplayed(); // one request
        // Changes 50 to 54, and the 56th that tells whether a next page exists: 56 of the request's 100 replayed.
        ChangeCursor nearTheEnd = new ChangeCursor(null, sixty.snapshotId(), 50);

        ChangePage first = service.changes(assetId, null, null, 5, nearTheEnd, Long.MAX_VALUE);

        assertThat(first.changes()).hasSize(5);
        assertThatThrownBy(() -> service.changes(assetId, null, null, 5, nearTheEnd, Long.MAX_VALUE))
                .as("the same page again, as an alias would ask it")
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("changes: one request replays at most " + BOUND + " changes in all and 44 are left"
                        + " (each page replays its range from the start up to its own end); ask for fewer changes"
                        + " fields (aliases) in one request, or read a narrower range (a later fromSnapshot)");

        service.changesReplayed = new ChangesReplayed(); // the next request
        assertThat(service.changes(assetId, null, null, 5, nearTheEnd, Long.MAX_VALUE)
                        .changes())
                .extracting(e -> e.after()[0])
                .containsExactly(50L, 51L, 52L, 53L, 54L);
    }

    @Test
    void aRefusedChangesFieldSpendsWhatItReplayedAndNothingIsReadOnceTheBoundIsSpent() throws Exception {
        CommitResult sixty = service.appendText(assetId, ID_AND_NAME, rows(0, 60));
        ChangeCursor nearTheEnd = new ChangeCursor(null, sixty.snapshotId(), 50);
        service.changesReplayed = new ChangesReplayed(); // one request
        service.changes(assetId, null, null, 5, nearTheEnd, Long.MAX_VALUE);
        assertThatThrownBy(() -> service.changes(assetId, null, null, 5, nearTheEnd, Long.MAX_VALUE))
                .isInstanceOf(InvalidInputException.class);
        opened.set(0);

        assertThatThrownBy(() -> service.changes(assetId, null, sixty.snapshotId(), 1, null, Long.MAX_VALUE))
                .as("a page of one change at the range's start")
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(
                        "changes: one request replays at most " + BOUND + " changes in all and 0 are" + " left");
        assertThat(opened).as("segment files opened").hasValue(0);
    }

    private static List<List<String>> rows(int firstId, int count) {
        List<List<String>> rows = new ArrayList<>();
        for (int id = firstId; id < firstId + count; id++) {
            rows.add(List.of(String.valueOf(id), "n" + id));
        }
        return rows;
    }
}
