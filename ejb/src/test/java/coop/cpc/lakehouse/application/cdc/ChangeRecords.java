package coop.cpc.lakehouse.application.cdc;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Debezium's records of the consumer tests, for the tables {@code public.*} of a stream of topic prefix
 * {@link #PREFIX} with an {@code id bigint} key: transaction markers, changes, rows of an added table's copy and
 * Debezium's table-scan notifications, each at the next LSN; and the batches and committer the engine hands over.
 */
final class ChangeRecords {
    static final String PREFIX = "lakehouse_orders";

    private static final Schema SOURCE = SchemaBuilder.struct()
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .field("snapshot", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final Schema ROW =
            SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).optional().build();
    private static final Schema ENVELOPE = SchemaBuilder.struct()
            .field("op", Schema.STRING_SCHEMA)
            .field("before", ROW)
            .field("after", ROW)
            .field("source", SOURCE)
            .build();
    private static final Schema TRANSACTION = SchemaBuilder.struct()
            .field("status", Schema.STRING_SCHEMA)
            .field("id", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .build();
    private static final Schema NOTIFICATION = SchemaBuilder.struct()
            .field("id", Schema.STRING_SCHEMA)
            .field("aggregate_type", Schema.STRING_SCHEMA)
            .field("type", Schema.STRING_SCHEMA)
            .field(
                    "additional_data",
                    SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA)
                            .optional()
                            .build())
            .field("timestamp", Schema.INT64_SCHEMA)
            .build();

    private long lsn = 1_000;
    /** Keys every next record's offset carries besides its LSN (Debezium's copy progress, say). */
    private final Map<String, Object> offsetExtras = new HashMap<>();

    long lastLsn() {
        return lsn;
    }

    /** From now on each record's offset also holds {@code key} (null: no longer). */
    ChangeRecords withOffset(String key, Object value) {
        if (value == null) {
            offsetExtras.remove(key);
        } else {
            offsetExtras.put(key, value);
        }
        return this;
    }

    List<SourceRecord> transaction(String id, int changes) {
        List<SourceRecord> records = new ArrayList<>();
        records.add(marker("BEGIN", id));
        for (int i = 0; i < changes; i++) {
            records.add(insert(i));
        }
        records.add(marker("END", id));
        return records;
    }

    SourceRecord marker(String status, String id) {
        Struct tx = new Struct(TRANSACTION).put("status", status).put("id", id).put("ts_ms", 1_796_470_992_697L);
        return record(PREFIX + ".transaction", TRANSACTION, tx);
    }

    /** An insert into {@code public.orders}. */
    SourceRecord insert(long id) {
        return change("orders", "c", "false", null, id);
    }

    /** A delete of a row of {@code public.<table>}. */
    SourceRecord delete(String table, long id) {
        return change(table, "d", "false", id, null);
    }

    /** A row of the copy of {@code public.<table>}, as Debezium's incremental snapshot sends it. */
    SourceRecord copied(String table, long id) {
        return change(table, "r", "incremental", null, id);
    }

    private SourceRecord change(String table, String op, String snapshot, Long before, Long after) {
        Struct source =
                new Struct(SOURCE).put("schema", "public").put("table", table).put("snapshot", snapshot);
        Struct envelope = new Struct(ENVELOPE).put("op", op).put("source", source);
        if (before != null) {
            envelope.put("before", new Struct(ROW).put("id", before));
        }
        if (after != null) {
            envelope.put("after", new Struct(ROW).put("id", after));
        }
        return record(PREFIX + ".public." + table, ENVELOPE, envelope);
    }

    /** Debezium's notification that the scan of {@code public.<table>} ended with {@code status}. */
    SourceRecord scanCompleted(String table, String status) {
        Struct notification = new Struct(NOTIFICATION)
                .put("id", "n-" + lsn)
                .put("aggregate_type", "Incremental Snapshot")
                .put("type", "TABLE_SCAN_COMPLETED")
                .put("additional_data", Map.of("scanned_collection", "public." + table, "status", status))
                .put("timestamp", 0L);
        return record(StreamConsumer.notificationTopic(PREFIX), NOTIFICATION, notification);
    }

    SourceRecord heartbeat() {
        return record("__debezium-heartbeat." + PREFIX, null, null);
    }

    private SourceRecord record(String topic, Schema schema, Struct value) {
        lsn += 0x98;
        Map<String, Object> offset = new HashMap<>(offsetExtras);
        offset.put("lsn", lsn);
        return new SourceRecord(Map.of("server", PREFIX), offset, topic, schema, value);
    }

    static List<RecordChangeEvent<SourceRecord>> events(List<SourceRecord> records) {
        List<RecordChangeEvent<SourceRecord>> events = new ArrayList<>();
        for (SourceRecord r : records) {
            events.add(() -> r);
        }
        return events;
    }

    static DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer(List<SourceRecord> processed) {
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
