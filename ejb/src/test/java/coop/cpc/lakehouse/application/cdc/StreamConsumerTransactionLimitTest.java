package coop.cpc.lakehouse.application.cdc;

import static coop.cpc.lakehouse.application.cdc.ChangeRecords.committer;
import static coop.cpc.lakehouse.application.cdc.ChangeRecords.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * An open source transaction holds at most {@code cdc_max_transaction_changes} changes in memory: past that the
 * stream stops with an error naming the key and the transaction, applying nothing of it, while the whole
 * transactions before it are committed.
 */
class StreamConsumerTransactionLimitTest {
    private static final int LIMIT = 1_024;
    private final CdcStream stream =
            OrdersStream.capturing(List.of(new CdcTable("public.orders", UUID.randomUUID(), List.of("id"))));
    private final RecordingApplier applier = new RecordingApplier();
    private final StreamConsumer consumer = new StreamConsumer(
            stream, applier, new StreamMetrics(), ChangeRecords.PREFIX, CdcEngineHost.HEARTBEAT_TABLE, 1_024, LIMIT);
    private final ChangeRecords records = new ChangeRecords();

    @Test
    void aTransactionBeyondTheLimitStopsTheStreamWithNoMoreThanTheLimitHeld() throws Exception {
        List<SourceRecord> batch = new ArrayList<>(transaction("770:900", 2));
        batch.add(marker("BEGIN", "771:1000"));
        for (int i = 0; i <= LIMIT; i++) {
            batch.add(insert(i));
        }
        List<SourceRecord> processed = new ArrayList<>();

        assertThatThrownBy(() -> consumer.handleBatch(events(batch), committer(processed)))
                .isInstanceOf(TransactionTooLargeException.class)
                .hasMessageContaining("source transaction 771:1000 has more than " + LIMIT + " changes")
                .hasMessageContaining("cdc_max_transaction_changes");

        assertThat(consumer.openChanges()).isZero();
        // The whole transaction before it committed with its END; nothing of the large one was applied.
        assertThat(applier.commits).hasSize(1);
        assertThat(applier.commits.get(0)).hasSize(2);
        assertThat(applier.offsets.get(0).get("lsn"))
                .isEqualTo(batch.get(3).sourceOffset().get("lsn"));
        assertThat(processed).isEmpty();
    }

    @Test
    void theOpenTransactionNeverHoldsMoreThanTheLimit() throws Exception {
        feed(List.of(marker("BEGIN", "772:2000")));
        for (int i = 0; i < LIMIT; i++) {
            feed(List.of(insert(i)));
            assertThat(consumer.openChanges()).isLessThanOrEqualTo(LIMIT);
        }
        assertThat(consumer.openChanges()).isEqualTo(LIMIT);
        assertThatThrownBy(() -> feed(List.of(insert(LIMIT)))).isInstanceOf(TransactionTooLargeException.class);
        assertThat(consumer.openChanges()).isZero();
        assertThat(applier.commits).isEmpty();
    }

    @Test
    void aTransactionOfExactlyTheLimitIsAppliedWhole() throws Exception {
        List<SourceRecord> processed = new ArrayList<>();
        consumer.handleBatch(events(transaction("773:3000", LIMIT)), committer(processed));

        assertThat(applier.commits).hasSize(1);
        assertThat(applier.commits.get(0)).hasSize(LIMIT);
        assertThat(processed).hasSize(1);
    }

    @Test
    void copiedRowsReleasedInsideATransactionDoNotCountAgainstTheLimit() throws Exception {
        List<SourceRecord> batch = new ArrayList<>();
        batch.add(marker("BEGIN", "774:4000"));
        for (int i = 0; i < 2_000; i++) {
            batch.add(records.copied("orders", i));
        }
        batch.add(insert(5_000));
        batch.add(marker("END", "774:4000"));

        consumer.handleBatch(events(batch), committer(new ArrayList<>()));

        assertThat(applier.commits).hasSize(1);
        assertThat(applier.commits.get(0)).hasSize(2_001);
    }

    /**
     * Debezium confirms the slot at the last record marked processed: a record of a transaction still open, marked,
     * would move the slot past the stored offset (right after a snapshot there is no earlier COMMIT to confirm
     * instead), and the next start would be refused as if the slot had been replaced. Debezium keeps only the last
     * offset marked, so the record whose offset the commit stored is the one marked.
     */
    @Test
    void onlyTheRecordWhoseOffsetWasStoredIsMarkedProcessed() throws Exception {
        List<SourceRecord> first = new ArrayList<>(transaction("775:5000", 2));
        first.add(marker("BEGIN", "776:6000"));
        first.add(insert(10));
        List<SourceRecord> processed = new ArrayList<>();

        consumer.handleBatch(events(first), committer(processed));

        assertThat(processed).containsExactly(first.get(3));
        assertThat(applier.offsets.get(0)).isEqualTo(first.get(3).sourceOffset());

        List<SourceRecord> second = List.of(insert(11), marker("END", "776:6000"), marker("BEGIN", "777:7000"));
        processed.clear();
        consumer.handleBatch(events(second), committer(processed));

        assertThat(processed).containsExactly(second.get(1));
        assertThat(applier.offsets).hasSize(2);
        assertThat(applier.commits.get(1)).hasSize(2);
    }

    /** A batch with nothing to commit (a transaction still open) marks nothing. */
    @Test
    void aBatchThatCommitsNothingMarksNothing() throws Exception {
        List<SourceRecord> processed = new ArrayList<>();

        consumer.handleBatch(events(List.of(marker("BEGIN", "778:8000"), insert(1))), committer(processed));

        assertThat(applier.commits).isEmpty();
        assertThat(processed).isEmpty();
    }

    /** One batch, as the engine hands it over. */
    private void feed(List<SourceRecord> batch) throws InterruptedException {
        consumer.handleBatch(events(batch), committer(new ArrayList<>()));
    }

    private List<SourceRecord> transaction(String id, int changes) {
        return records.transaction(id, changes);
    }

    private SourceRecord marker(String status, String id) {
        return records.marker(status, id);
    }

    private SourceRecord insert(long id) {
        return records.insert(id);
    }
}
