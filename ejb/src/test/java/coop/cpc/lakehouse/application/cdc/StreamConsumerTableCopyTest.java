package coop.cpc.lakehouse.application.cdc;

import static coop.cpc.lakehouse.application.cdc.ChangeRecords.committer;
import static coop.cpc.lakehouse.application.cdc.ChangeRecords.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * The rows of a table added to a running stream arrive as Debezium's incremental-snapshot reads among the streamed
 * changes: they are applied in that order, committed with a storable offset, and the copy completes with the commit
 * that holds its last row (never before); a scan that failed ends the engine with the copy still pending.
 */
class StreamConsumerTableCopyTest {
    private final CdcStream stream = OrdersStream.capturing(List.of(
            new CdcTable("public.orders", UUID.randomUUID(), List.of("id")),
            new CdcTable("public.lines", UUID.randomUUID(), List.of("id"), Instant.EPOCH, null)));
    private final RecordingApplier applier = new RecordingApplier();
    private final StreamMetrics metrics = new StreamMetrics();
    private final StreamConsumer consumer = new StreamConsumer(
            stream, applier, metrics, ChangeRecords.PREFIX, CdcEngineHost.HEARTBEAT_TABLE, 1_024, 1_024);
    private final ChangeRecords records = new ChangeRecords();

    private void feed(SourceRecord... batch) throws InterruptedException {
        consumer.handleBatch(events(List.of(batch)), committer(new ArrayList<>()));
    }

    @Test
    void aCopyCompletesWithTheCommitThatHoldsItsLastRow() throws Exception {
        feed(records.copied("lines", 1), records.copied("lines", 2));
        assertThat(applier.copied).containsExactly(List.of());
        assertThat(metrics.copyingTable()).isEqualTo("public.lines");

        // A scan of a table without a pending copy (orders came with the stream) completes nothing.
        feed(records.copied("lines", 3), records.scanCompleted("orders", "SUCCEEDED"));
        feed(records.scanCompleted("lines", "SUCCEEDED"), records.heartbeat());

        assertThat(applier.commits).extracting(List::size).containsExactly(2, 1, 0);
        assertThat(applier.copied).containsExactly(List.of(), List.of(), List.of("public.lines"));
        assertThat(metrics.copyingTable()).isNull();
        assertThat(metrics.copyRowsRead()).isEqualTo(3);
    }

    @Test
    void aCopyWhoseLastRowArrivesInsideATransactionCompletesAtItsEnd() throws Exception {
        List<SourceRecord> batch = new ArrayList<>(records.transaction("700:100", 1));
        batch.add(records.marker("BEGIN", "701:200"));
        // Debezium sends a closed window's rows before the streamed change that closed it.
        batch.add(records.copied("lines", 9));
        batch.add(records.scanCompleted("lines", "EMPTY"));
        consumer.handleBatch(events(batch), committer(new ArrayList<>()));

        assertThat(applier.copied)
                .as("the transaction before it commits without the copy")
                .containsExactly(List.of());

        feed(records.insert(5), records.marker("END", "701:200"));

        assertThat(applier.copied).containsExactly(List.of(), List.of("public.lines"));
        assertThat(applier.commits.get(1))
                .extracting(SourceChange::sourceTable)
                .containsExactly("public.lines", "public.orders");
    }

    @Test
    void aRowDeletedDuringTheCopyIsDeletedAfterItsCopiedVersion() throws Exception {
        feed(records.copied("lines", 7), records.delete("lines", 7), records.copied("lines", 8));

        assertThat(applier.commits.get(0))
                .extracting(SourceChange::kind)
                .containsExactly(SourceChange.Kind.UPSERT, SourceChange.Kind.DELETE, SourceChange.Kind.UPSERT);
    }

    @Test
    void theOffsetOfACopiedRowIsStoredAsTheStreamedPositionWithTheCopysProgress() throws Exception {
        records.withOffset("snapshot", "INCREMENTAL")
                .withOffset("last_snapshot_record", false)
                .withOffset("snapshot_completed", false)
                .withOffset(TableCopies.COLLECTIONS, "[{\"incremental_snapshot_collections_id\":\"public.lines\"}]")
                .withOffset(TableCopies.LAST_KEY, "aced0005");
        feed(records.copied("lines", 1));

        assertThat(new HashMap<String, Object>(applier.offsets.get(0)))
                .doesNotContainKeys("snapshot", "last_snapshot_record", "snapshot_completed")
                .containsEntry("lsn", records.lastLsn())
                .containsEntry(TableCopies.LAST_KEY, "aced0005")
                .containsKey(TableCopies.COLLECTIONS);
    }

    @Test
    void aScanThatFailedEndsTheEngineWithTheCopyPendingAndTheRowsBeforeItCommitted() throws Exception {
        assertThatThrownBy(() -> feed(records.copied("lines", 1), records.scanCompleted("lines", "SQL_EXCEPTION")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("CDC stream orders: the copy of the rows of public.lines failed (Debezium ended its scan"
                        + " with SQL_EXCEPTION; its log says why); the copy starts again when the stream starts again");

        assertThat(applier.commits).containsExactly(applier.commits.get(0));
        assertThat(applier.commits.get(0)).hasSize(1);
        assertThat(applier.copied).containsExactly(List.of());
    }

    @Test
    void aCopyOfATableDroppedOrWithoutItsPrimaryKeyEndsWithoutStoppingTheStream() throws Exception {
        for (String status : List.of("UNKNOWN_SCHEMA", "NO_PRIMARY_KEY", "SKIPPED")) {
            applier.copied.clear();
            feed(records.scanCompleted("lines", status), records.heartbeat());

            assertThat(applier.copied).as(status).containsExactly(List.of("public.lines"));
        }
    }
}
