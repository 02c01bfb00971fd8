package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * An open source transaction holds at most {@code cdc_max_transaction_changes} changes in memory: past that the
 * stream stops with an error naming the key and the transaction, applying nothing of it, while the whole
 * transactions before it are committed.
 */
class StreamConsumerTransactionLimitTest {
    private static final int LIMIT = 1_024;
    private static final String PREFIX = "lakehouse_orders";

    private static final Schema ROW =
            SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    private static final Schema SOURCE = SchemaBuilder.struct()
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .field("snapshot", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final Schema ENVELOPE = SchemaBuilder.struct()
            .field("op", Schema.STRING_SCHEMA)
            .field(
                    "before",
                    SchemaBuilder.struct()
                            .field("id", Schema.INT64_SCHEMA)
                            .optional()
                            .build())
            .field(
                    "after",
                    SchemaBuilder.struct()
                            .field("id", Schema.INT64_SCHEMA)
                            .optional()
                            .build())
            .field("source", SOURCE)
            .build();
    private static final Schema TRANSACTION = SchemaBuilder.struct()
            .field("status", Schema.STRING_SCHEMA)
            .field("id", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .build();

    private final CdcStream stream =
            OrdersStream.capturing(List.of(new CdcTable("public.orders", UUID.randomUUID(), List.of("id"))));
    private final RecordingApplier applier = new RecordingApplier();
    private final StreamConsumer consumer = new StreamConsumer(
            stream, applier, new StreamMetrics(), PREFIX, CdcEngineHost.HEARTBEAT_TABLE, 1_024, LIMIT);
    private long lsn = 1_000;

    /** The applier's commits, kept instead of written. */
    private static final class RecordingApplier extends CdcApplier {
        final List<List<SourceChange>> commits = new ArrayList<>();
        final List<Map<String, ?>> offsets = new ArrayList<>();

        @Override
        public long apply(
                CdcStream stream,
                List<SourceChange> changes,
                Map<String, ?> offset,
                long offsetVersion,
                AssetSchemas schemas,
                boolean catchingUp) {
            commits.add(List.copyOf(changes));
            offsets.add(offset);
            return offsets.size();
        }
    }

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
        assertThat(processed).hasSize(LIMIT + 2);
    }

    /** One batch, as the engine hands it over. */
    private void feed(List<SourceRecord> batch) throws InterruptedException {
        consumer.handleBatch(events(batch), committer(new ArrayList<>()));
    }

    private List<SourceRecord> transaction(String id, int changes) {
        List<SourceRecord> records = new ArrayList<>();
        records.add(marker("BEGIN", id));
        for (int i = 0; i < changes; i++) {
            records.add(insert(i));
        }
        records.add(marker("END", id));
        return records;
    }

    private SourceRecord marker(String status, String id) {
        Struct tx = new Struct(TRANSACTION).put("status", status).put("id", id).put("ts_ms", 1_796_470_992_697L);
        return record(PREFIX + ".transaction", TRANSACTION, tx);
    }

    private SourceRecord insert(long id) {
        Struct source = new Struct(SOURCE)
                .put("schema", "public")
                .put("table", "orders")
                .put("snapshot", "false");
        Struct after = new Struct(ENVELOPE.field("after").schema()).put("id", id);
        Struct envelope =
                new Struct(ENVELOPE).put("op", "c").put("after", after).put("source", source);
        return record(PREFIX + ".public.orders", ENVELOPE, envelope);
    }

    private SourceRecord record(String topic, Schema schema, Struct value) {
        lsn += 0x98;
        return new SourceRecord(Map.of("server", PREFIX), Map.of("lsn", lsn), topic, schema, value);
    }

    private static List<RecordChangeEvent<SourceRecord>> events(List<SourceRecord> records) {
        List<RecordChangeEvent<SourceRecord>> events = new ArrayList<>();
        for (SourceRecord r : records) {
            events.add(() -> r);
        }
        return events;
    }

    private DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer(List<SourceRecord> processed) {
        return new DebeziumEngine.RecordCommitter<>() {
            @Override
            public void markProcessed(RecordChangeEvent<SourceRecord> record) {
                processed.add(record.record());
            }

            @Override
            public void markBatchFinished() {}

            @Override
            public void markProcessed(RecordChangeEvent<SourceRecord> record, DebeziumEngine.Offsets offsets) {
                markProcessed(record);
            }

            @Override
            public DebeziumEngine.Offsets buildOffsets() {
                return null;
            }
        };
    }
}
