package coop.cpc.lakehouse.application.cdc;

import static coop.cpc.lakehouse.application.cdc.ChangeRecords.committer;
import static coop.cpc.lakehouse.application.cdc.ChangeRecords.events;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * A full batch ({@code max.batch.size} records: the engine has more queued) commits its whole transactions at its
 * end, like any other batch: nothing whole is held into the next batch, because after a dropped replication
 * connection Debezium restarts its task with this same consumer and sends the records after the catalog's offset
 * again, and held transactions would be applied twice.
 */
class StreamConsumerFullBatchTest {
    private final CdcStream stream =
            OrdersStream.capturing(List.of(new CdcTable("public.orders", UUID.randomUUID(), List.of("id"))));
    private final RecordingApplier applier = new RecordingApplier();
    private final StreamConsumer consumer = new StreamConsumer(
            stream, applier, new StreamMetrics(), ChangeRecords.PREFIX, CdcEngineHost.HEARTBEAT_TABLE, 1_024, 100_000);
    private final ChangeRecords records = new ChangeRecords();

    @Test
    void aFullBatchsWholeTransactionsAreCommittedAtItsEnd() throws Exception {
        List<SourceRecord> full = new ArrayList<>();
        for (int t = 0; full.size() < CdcEngineHost.MAX_BATCH_SIZE; t++) {
            full.addAll(records.transaction((1_000 + t) + ":" + (10_000 + 10 * t), 2));
        }
        assertThat(full).hasSize(CdcEngineHost.MAX_BATCH_SIZE);
        List<SourceRecord> processed = new ArrayList<>();

        consumer.handleBatch(events(full), committer(processed));

        assertThat(applier.commits).hasSize(1);
        assertThat(applier.commits.get(0)).hasSize(CdcEngineHost.MAX_BATCH_SIZE / 4 * 2);
        SourceRecord lastEnd = full.get(full.size() - 1);
        assertThat(applier.offsets.get(0)).isEqualTo(lastEnd.sourceOffset());
        assertThat(processed).containsExactly(lastEnd);
    }

    @Test
    void aFullBatchEndingInAnOpenTransactionCommitsTheWholeOnesBeforeIt() throws Exception {
        List<SourceRecord> full = new ArrayList<>();
        for (int t = 0; full.size() < CdcEngineHost.MAX_BATCH_SIZE - 4; t++) {
            full.addAll(records.transaction((2_000 + t) + ":" + (20_000 + 10 * t), 2));
        }
        SourceRecord lastEnd = full.get(full.size() - 1);
        full.add(records.marker("BEGIN", "9999:900000"));
        full.add(records.insert(7));
        full.add(records.insert(8));
        full.add(records.insert(9));
        assertThat(full).hasSize(CdcEngineHost.MAX_BATCH_SIZE);
        List<SourceRecord> processed = new ArrayList<>();

        consumer.handleBatch(events(full), committer(processed));

        assertThat(applier.commits).hasSize(1);
        assertThat(applier.commits.get(0)).hasSize((CdcEngineHost.MAX_BATCH_SIZE - 4) / 4 * 2);
        assertThat(applier.offsets.get(0)).isEqualTo(lastEnd.sourceOffset());
        assertThat(processed).containsExactly(lastEnd);
        assertThat(consumer.openChanges()).isEqualTo(3);
    }
}
