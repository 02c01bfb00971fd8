package coop.cpc.lakehouse.application.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.Callback;

/**
 * Debezium's {@code offset.storage}: {@link #get} reads the offset the catalog committed, on every
 * call (no cache); {@link #set} stores nothing, because the offset is written only in the catalog
 * transaction that records the changes it covers ({@link CdcCommit}). Debezium confirms the
 * replication slot's position from what {@code get} returns, so the slot never moves past what
 * the catalog holds. A committed offset at a transaction's COMMIT is handed over as {@link ResumeOffset}
 * says, so that Debezium resumes from it without its WAL search. Built by Kafka Connect by reflection (no CDI): it reads through the catalog
 * that {@link CdcEngineHost} hands over ({@link #readFrom}) before it starts any engine.
 *
 * <p>Keys are Kafka Connect's JSON {@code [engineName, partition]}; the engine name is the
 * stream's id, which names its row in {@code cdc_offsets}.
 */
public class CatalogOffsetStore implements OffsetBackingStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile CommittedOffsets catalog;

    /** Reads a connector's committed offset (a JSON object) from the catalog, on every call. */
    @FunctionalInterface
    interface CommittedOffsets {
        Optional<String> read(String connectorName);
    }

    private volatile CommittedOffsets offsets;

    public CatalogOffsetStore() {
        // Kafka Connect instantiates the store by its class name.
    }

    /** For tests: a store on given offsets. */
    CatalogOffsetStore(CommittedOffsets offsets) {
        this.offsets = offsets;
    }

    /** Where the stores Kafka Connect builds read (null: nowhere, stores fail to start). */
    static void readFrom(CommittedOffsets committed) {
        catalog = committed;
    }

    @Override
    public void configure(WorkerConfig config) {
        // Nothing to configure: the connector name comes with every key.
    }

    @Override
    public void start() {
        if (offsets == null) {
            offsets = catalog;
            if (offsets == null) {
                throw new IllegalStateException(
                        "No catalog to read CDC offsets from: the CDC engine host is not running");
            }
        }
    }

    @Override
    public void stop() {
        // Holds nothing open.
    }

    @Override
    public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        Map<ByteBuffer, ByteBuffer> found = new HashMap<>();
        for (ByteBuffer key : keys) {
            String connector = connectorName(key);
            if (connector != null) {
                offsets.read(connector)
                        .map(ResumeOffset::of)
                        .ifPresent(json -> found.put(key, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8))));
            }
        }
        return CompletableFuture.completedFuture(found);
    }

    /** Stores nothing: see the class comment. Completes at once so the engine goes on to confirm from {@link #get}. */
    @Override
    public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
        if (callback != null) {
            callback.onCompletion(null, null);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }

    /** The engine name in a key {@code ["name", {...}]}, or null for a key of another shape. */
    static String connectorName(ByteBuffer key) {
        try {
            ByteBuffer copy = key.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            JsonNode node = JSON.readTree(bytes);
            return node != null
                            && node.isArray()
                            && node.size() == 2
                            && node.get(0).isTextual()
                    ? node.get(0).asText()
                    : null;
        } catch (IOException e) {
            return null;
        }
    }
}
