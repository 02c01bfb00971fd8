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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.Callback;

/**
 * Debezium's {@code offset.storage}: {@link #get} reads the offset the catalog committed, on every
 * call (no cache); {@link #set} stores nothing, because the offset is written only in the catalog
 * transaction that records the changes it covers ({@link CdcCommit}). Debezium confirms the
 * replication slot's position at the last record the consumer marks processed, which it marks only up to the
 * record whose offset the catalog has just committed ({@link StreamConsumer}), so the slot never moves past what
 * the catalog holds. A committed offset at a transaction's COMMIT is handed over as {@link ResumeOffset}
 * says, so that Debezium resumes from it without its WAL search, but only on a {@code get} whose own
 * {@link SlotPositionCheck} just passed: Debezium then no longer checks the slot itself, and it reads the
 * offset again on every task restart after a retriable error (a dropped connection, a source restart), so
 * each such read checks the slot again. A check that fails fails the read (the engine ends, {@code lastError}
 * says why); a stream with no check handed over ({@link #checkSlotWith}) gets the stored offset unchanged, and
 * Debezium checks it against the slot (a missing slot fails its start). Built by Kafka Connect by reflection
 * (no CDI): it reads through the catalog and checks through the slot checks that {@link CdcEngineHost} hands
 * over ({@link #readFrom}, {@link #checkSlotWith}) before it starts any engine.
 *
 * <p>Keys are Kafka Connect's JSON {@code [engineName, partition]}; the engine name is the
 * stream's id, which names its row in {@code cdc_offsets}.
 */
public class CatalogOffsetStore implements OffsetBackingStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile CommittedOffsets catalog;
    /** Per connector name, the check of its stream's slot (set by the host before each start). */
    private static final Map<String, SlotPositionCheck> SLOT_CHECKS = new ConcurrentHashMap<>();

    /** Reads a connector's committed offset (a JSON object) from the catalog, on every call. */
    @FunctionalInterface
    interface CommittedOffsets {
        Optional<String> read(String connectorName);
    }

    private volatile CommittedOffsets offsets;
    private final Function<String, SlotPositionCheck> slotChecks;

    public CatalogOffsetStore() {
        // Kafka Connect instantiates the store by its class name.
        this.slotChecks = SLOT_CHECKS::get;
    }

    /** For tests: a store on given offsets, with no slot checks. */
    CatalogOffsetStore(CommittedOffsets offsets) {
        this(offsets, name -> null);
    }

    /** For tests: a store on given offsets and slot checks. */
    CatalogOffsetStore(CommittedOffsets offsets, Function<String, SlotPositionCheck> slotChecks) {
        this.offsets = offsets;
        this.slotChecks = slotChecks;
    }

    /** Where the stores Kafka Connect builds read (null: nowhere, stores fail to start; slot checks go too). */
    static void readFrom(CommittedOffsets committed) {
        catalog = committed;
        if (committed == null) {
            SLOT_CHECKS.clear();
        }
    }

    /** How the stores check the slot of the connector's stream before they hand over an unchecked offset (null: forget). */
    static void checkSlotWith(String connectorName, SlotPositionCheck check) {
        if (check == null) {
            SLOT_CHECKS.remove(connectorName);
        } else {
            SLOT_CHECKS.put(connectorName, check);
        }
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
        try {
            for (ByteBuffer key : keys) {
                String connector = connectorName(key);
                if (connector != null) {
                    offsets.read(connector)
                            .map(stored -> resumeFrom(connector, stored))
                            .ifPresent(json -> found.put(key, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8))));
                }
            }
        } catch (SlotPositionCheck.RefusedException e) {
            // Not retriable for Debezium: the engine ends, and the host's start checks again after its back-off.
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.completedFuture(found);
    }

    /**
     * The offset to hand Debezium: without {@code lsn_proc} ({@link ResumeOffset}) only once this read's slot
     * check passed, and so an offset that never had one (a completed snapshot's); unchanged when the stream has
     * no check.
     */
    private String resumeFrom(String connector, String stored) {
        Long unvalidated = ResumeOffset.unvalidatedLsn(stored);
        if (unvalidated == null) {
            return stored;
        }
        SlotPositionCheck check = slotChecks.apply(connector);
        if (check == null) {
            return stored;
        }
        check.require(unvalidated);
        return ResumeOffset.of(stored);
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
