package coop.cpc.lakehouse.application.cdc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The copy of the rows a table held when {@code updateCdcStream} added it to a stream: Debezium's read-only
 * incremental snapshot of PostgreSQL ({@code read.only=true}: its chunk windows are bounded by
 * {@code pg_current_snapshot()} watermarks, so nothing is written on the source), started from the offset rather
 * than by a signal.
 *
 * <p>Debezium keeps an incremental snapshot's progress in its offset (the tables still to copy, the key of the
 * last row sent, the table's largest key) and goes on with it when it starts from such an offset: it reads the
 * next chunk before it streams, on the same thread that then streams, so the chunk's rows and the streamed
 * changes are ordered by one thread (a signal would start the first chunk on the signal processor's thread,
 * concurrently with streaming). The catalog says which copies are pending ({@link CdcTable#copyPending});
 * {@link #handOver} appends those the stored offset does not list yet to the offset Debezium reads, on every read,
 * so a copy requested and not yet in a committed offset is started again by every start of the engine. The copy's
 * rows arrive as reads ({@code op=r}, {@code source.snapshot=incremental}) among the streamed changes and are
 * applied as upserts by key in that order, committed with the offset of their position (which holds the copy's
 * progress): a crash resumes the copy from the last committed row. Debezium's table-scan notification ({@link
 * #scanOf}) says when a table is done; the stream's next commit marks its copy completed.
 */
final class TableCopies {
    static final String COLLECTIONS = "incremental_snapshot_collections";
    static final String COLLECTION_ID = COLLECTIONS + "_id";
    static final String COLLECTION_CONDITION = COLLECTIONS + "_additional_condition";
    static final String COLLECTION_SURROGATE_KEY = COLLECTIONS + "_surrogate_key";
    static final String LAST_KEY = "incremental_snapshot_primary_key";
    static final String MAXIMUM_KEY = "incremental_snapshot_maximum_key";

    /** Debezium's notification of a table whose scan ended, and the statuses that mean its rows are all sent. */
    static final String SCAN_COMPLETED = "TABLE_SCAN_COMPLETED";

    static final List<String> COPIED = List.of("SUCCEEDED", "EMPTY");

    /**
     * Scan statuses of a table no start can copy as it is (dropped, without its primary key, left out of the
     * publication): its copy ends rather than stop the stream at each start.
     */
    static final List<String> UNCOPYABLE = List.of("UNKNOWN_SCHEMA", "NO_PRIMARY_KEY", "SKIPPED");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private TableCopies() {}

    /**
     * The offset JSON Debezium reads: {@code stored} with each of {@code pending} that its incremental snapshot
     * does not list appended to the list (from its first row). Unchanged without such tables, or without a stored
     * offset (null: there is nothing to hand over).
     */
    static String handOver(String stored, List<String> pending) {
        if (stored == null || pending.isEmpty()) {
            return stored;
        }
        ObjectNode offset;
        ArrayNode collections;
        try {
            offset = (ObjectNode) JSON.readTree(stored);
            JsonNode listed = offset.get(COLLECTIONS);
            collections = listed != null && listed.isTextual()
                    ? (ArrayNode) JSON.readTree(listed.asText())
                    : JSON.createArrayNode();
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("the stored CDC offset is not a JSON object: " + e.getMessage(), e);
        }
        List<String> listedTables = tables(collections);
        if (listedTables.containsAll(pending)) {
            return stored;
        }
        if (listedTables.isEmpty()) {
            // No copy in progress: no key of an earlier one may apply to the first table.
            offset.remove(LAST_KEY);
            offset.remove(MAXIMUM_KEY);
        }
        for (String table : pending) {
            if (!listedTables.contains(table)) {
                ObjectNode collection = collections.addObject();
                collection.put(COLLECTION_ID, table);
                collection.putNull(COLLECTION_CONDITION);
                collection.putNull(COLLECTION_SURROGATE_KEY);
            }
        }
        offset.put(COLLECTIONS, collections.toString());
        return offset.toString();
    }

    /** The tables an offset's incremental snapshot still has to copy, the one in progress first. */
    static List<String> inProgress(Map<String, ?> offset) {
        Object listed = offset.get(COLLECTIONS);
        if (!(listed instanceof String json)) {
            return List.of();
        }
        try {
            return tables(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    /** A stored offset's JSON as the map Debezium's offsets are (empty when it is not a JSON object). */
    static Map<String, Object> offsetMap(String json) {
        try {
            Map<String, Object> offset = JSON.readValue(json, MAP);
            return offset == null ? Map.of() : offset;
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static List<String> tables(JsonNode collections) {
        List<String> tables = new ArrayList<>();
        for (JsonNode collection : collections) {
            JsonNode id = collection.get(COLLECTION_ID);
            if (id != null && id.isTextual()) {
                tables.add(id.asText());
            }
        }
        return tables;
    }

    /**
     * The offset of a copied row as the stream stores it. Debezium marks it {@code snapshot=INCREMENTAL}; an offset
     * so marked would load as one of a snapshot in progress (its streamed changes marked as snapshot rows, and
     * without the copy's progress), so those keys go: it is then the offset of the streamed position it was read at.
     */
    static Map<String, ?> storable(Map<String, ?> offset) {
        if (offset == null || !"INCREMENTAL".equals(offset.get("snapshot"))) {
            return offset;
        }
        Map<String, Object> streamed = new HashMap<>(offset);
        streamed.remove("snapshot");
        streamed.remove("last_snapshot_record");
        streamed.remove("snapshot_completed");
        return streamed;
    }

    /** A table whose scan ended, and how ({@code SUCCEEDED}, {@code EMPTY}, {@code SQL_EXCEPTION}, …). */
    record Scan(String table, String status) {
        boolean copied() {
            return COPIED.contains(status);
        }

        boolean uncopyable() {
            return UNCOPYABLE.contains(status);
        }
    }

    /** The table-scan notification a record on the stream's notification topic carries, if it is one. */
    static Optional<Scan> scanOf(SourceRecord record, String notificationTopic) {
        if (!notificationTopic.equals(record.topic())
                || !(record.value() instanceof Struct notification)
                || notification.schema().field("type") == null
                || notification.schema().field("additional_data") == null
                || !SCAN_COMPLETED.equals(notification.getString("type"))) {
            return Optional.empty();
        }
        Map<String, String> data = notification.getMap("additional_data");
        String table = data == null ? null : data.get("scanned_collection");
        String status = data == null ? null : data.get("status");
        return table == null || status == null ? Optional.empty() : Optional.of(new Scan(table, status));
    }
}
