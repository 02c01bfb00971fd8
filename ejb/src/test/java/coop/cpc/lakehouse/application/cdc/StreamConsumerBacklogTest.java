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
 * A full batch means the engine has more records queued (a backlog): its whole transactions are held into the next
 * batch, up to {@link StreamConsumer#MAX_PENDING_CHANGES} changes, so a backlog is committed in fewer, larger
 * snapshots; a batch that is not full commits what is whole at its end, and nothing held is marked processed before
 * the catalog holds it.
 */
class StreamConsumerBacklogTest {
    /** The engine's max.batch.size in these tests. */
    private static final int FULL = 8;

    private final CdcStream stream =
            OrdersStream.capturing(List.of(new CdcTable("public.orders", UUID.randomUUID(), List.of("id"))));
    private final RecordingApplier applier = new RecordingApplier();
    private final StreamConsumer consumer = new StreamConsumer(
            stream,
            applier,
            new StreamMetrics(),
            ChangeRecords.PREFIX,
            CdcEngineHost.HEARTBEAT_TABLE,
            1_024,
            100_000,
            FULL);
    private final ChangeRecords records = new ChangeRecords();

    @Test
    void aFullBatchsTransactionsAreHeldAndCommittedWithTheNextBatch() throws Exception {
        List<SourceRecord> full = new ArrayList<>(records.transaction("800:1000", 2));
        full.addAll(records.transaction("801:2000", 2));
        assertThat(full).hasSize(FULL);
        List<SourceRecord> processed = new ArrayList<>();

        consumer.handleBatch(events(full), committer(processed));

        assertThat(applier.commits).isEmpty();
        assertThat(processed).isEmpty();

        List<SourceRecord> last = records.transaction("802:3000", 1);
        consumer.handleBatch(events(last), committer(processed));

        assertThat(applier.commits).hasSize(1);
        assertThat(applier.commits.get(0)).hasSize(5);
        assertThat(applier.offsets.get(0)).isEqualTo(last.get(2).sourceOffset());
        assertThat(processed).containsExactly(last.get(2));
    }

    @Test
    void aHeldTransactionIsCommittedWithTheOffsetOfItsEndWhenTheNextBatchEndsNone() throws Exception {
        List<SourceRecord> full = new ArrayList<>(records.transaction("803:1000", 2));
        full.add(records.marker("BEGIN", "804:2000"));
        full.add(records.insert(7));
        full.add(records.insert(8));
        full.add(records.insert(9));
        assertThat(full).hasSize(FULL);
        List<SourceRecord> processed = new ArrayList<>();

        consumer.handleBatch(events(full), committer(processed));
        consumer.handleBatch(events(List.of(records.insert(10))), committer(processed));

        // The open transaction stays out; the whole one before it commits with its END's offset, marked now.
        assertThat(applier.commits).hasSize(1);
        assertThat(applier.commits.get(0)).hasSize(2);
        assertThat(applier.offsets.get(0)).isEqualTo(full.get(3).sourceOffset());
        assertThat(processed).containsExactly(full.get(3));
        assertThat(consumer.openChanges()).isEqualTo(4);
    }

    @Test
    void aBatchThatIsNotFullCommitsAtItsEnd() throws Exception {
        List<SourceRecord> batch = records.transaction("805:1000", 2);
        List<SourceRecord> processed = new ArrayList<>();

        consumer.handleBatch(events(batch), committer(processed));

        assertThat(applier.commits).hasSize(1);
        assertThat(processed).containsExactly(batch.get(3));
    }

    @Test
    void heldChangesCommitOnceTheyReachTheBound() throws Exception {
        int perTransaction = 10_000;
        int transactions = StreamConsumer.MAX_PENDING_CHANGES / perTransaction;
        StreamConsumer large = new StreamConsumer(
                stream,
                applier,
                new StreamMetrics(),
                ChangeRecords.PREFIX,
                CdcEngineHost.HEARTBEAT_TABLE,
                1_024,
                100_000,
                perTransaction + 2);

        for (int t = 0; t < transactions; t++) {
            List<SourceRecord> full = records.transaction("9" + t + ":1000", perTransaction);
            large.handleBatch(events(full), committer(new ArrayList<>()));
            if (t < transactions - 1) {
                assertThat(applier.commits).isEmpty();
            }
        }

        assertThat(applier.commits).hasSize(1);
        assertThat(applier.commits.get(0)).hasSize(StreamConsumer.MAX_PENDING_CHANGES);
    }
}
