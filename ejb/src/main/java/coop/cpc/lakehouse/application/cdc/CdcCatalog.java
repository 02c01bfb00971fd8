package coop.cpc.lakehouse.application.cdc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.cdc.CdcStreamRepository;
import coop.cpc.lakehouse.catalog.cdc.CdcStreamRow;
import coop.cpc.lakehouse.catalog.cdc.CdcStreamTableRow;
import coop.cpc.lakehouse.catalog.cdc.DuplicateCdcStreamException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The catalog's rows of CDC: streams, their tables and their offsets, through the persistence
 * module's {@link CdcStreamRepository} (which joins the JTA transaction, so an offset commits with
 * the snapshots it covers).
 */
@Stateless
public class CdcCatalog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    @Inject
    CdcStreamRepository streams;

    @Inject
    AssetRepository assets;

    /** A committed offset and its version (for compare-and-set). */
    public record StoredOffset(String json, long version) {}

    /** @throws CdcStreamTakenException when another stream holds the name or slot: the transaction must roll back */
    public void insert(CdcStream stream, String createdBy) throws CdcStreamTakenException {
        try {
            streams.insert(
                    new CdcStreamRow(
                            stream.id(),
                            stream.name(),
                            stream.url(),
                            stream.user(),
                            stream.passwordAlias(),
                            stream.targetNamespace(),
                            stream.snapshotMode().name(),
                            stream.slot(),
                            stream.publication(),
                            stream.running() ? "RUNNING" : "STOPPED",
                            stream.snapshotCompleted(),
                            JSON.writeValueAsString(stream.tags()),
                            stream.lastError(),
                            rows(stream.tables()),
                            stream.createdAt(),
                            stream.version()),
                    createdBy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot record CDC stream " + stream.name(), e);
        } catch (DuplicateCdcStreamException e) {
            throw new CdcStreamTakenException(e);
        }
    }

    private static List<CdcStreamTableRow> rows(List<CdcTable> tables) throws JsonProcessingException {
        List<CdcStreamTableRow> rows = new ArrayList<>();
        for (CdcTable table : tables) {
            rows.add(new CdcStreamTableRow(
                    table.sourceTable(),
                    table.assetId(),
                    JSON.writeValueAsString(table.keyColumns()),
                    table.copyRequestedAt(),
                    table.copyCompletedAt()));
        }
        return rows;
    }

    /** Adds tables to the stream; the tables it has already, and its other settings, stay as they are. */
    public void addTables(UUID streamId, List<CdcTable> tables) {
        try {
            streams.addTables(streamId, rows(tables));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot record the tables of CDC stream " + streamId, e);
        }
    }

    public List<CdcStream> list() {
        return streams.list().stream().map(CdcCatalog::stream).toList();
    }

    /**
     * One page of streams, oldest first, with the row counts of their tables' assets, in one transaction: three
     * queries however many streams and tables (the streams, their tables, the assets' row counts).
     *
     * @param after continue after this stream's position, or from the oldest when null
     * @param first the page size (already checked against the configured maximum)
     */
    public CdcStreamPage page(TimeOrderCursor after, int first) {
        List<CdcStream> fetched =
                streams.page(after, first + 1).stream().map(CdcCatalog::stream).toList();
        Page<CdcStream> page = Page.of(fetched, first);
        return new CdcStreamPage(page.items(), page.hasNextPage(), rowCounts(page.items()));
    }

    /** The row counts of the streams' tables' assets, in one query; an asset deleted since has none. */
    public Map<UUID, Long> rowCounts(List<CdcStream> of) {
        List<UUID> assetIds = of.stream()
                .flatMap(s -> s.tables().stream())
                .map(CdcTable::assetId)
                .distinct()
                .toList();
        return assets.rowCounts(assetIds);
    }

    public Optional<CdcStream> find(UUID id) {
        return streams.find(id).map(CdcCatalog::stream);
    }

    public Optional<CdcStream> findByName(String name) {
        return streams.findByName(name).map(CdcCatalog::stream);
    }

    private static CdcStream stream(CdcStreamRow r) {
        try {
            List<CdcTable> tables = new ArrayList<>();
            for (CdcStreamTableRow t : r.tables()) {
                tables.add(new CdcTable(
                        t.sourceTable(),
                        t.assetId(),
                        JSON.readValue(t.keyColumnsJson(), STRINGS),
                        t.copyRequestedAt(),
                        t.copyCompletedAt()));
            }
            return new CdcStream(
                    r.id(),
                    r.name(),
                    r.sourceUrl(),
                    r.sourceUser(),
                    r.passwordAlias(),
                    r.targetNamespace(),
                    CdcStream.SnapshotMode.valueOf(r.snapshotMode()),
                    r.slotName(),
                    r.publicationName(),
                    r.desiredState().equals("RUNNING"),
                    r.snapshotCompleted(),
                    JSON.readValue(r.tagsJson(), STRINGS),
                    r.lastError(),
                    tables,
                    r.createdAt(),
                    r.version());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read CDC streams", e);
        }
    }

    /** Records what the operator asked for (RUNNING or STOPPED), so a restart of the server does the same. */
    public void setRunning(UUID streamId, boolean running) {
        streams.setDesiredState(streamId, running ? "RUNNING" : "STOPPED");
    }

    /** The last error (null clears it), in its own transaction so that it outlives a failed commit. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void setLastError(UUID streamId, String error) {
        streams.setLastError(streamId, error);
    }

    /** Marks the initial snapshot committed, inside the transaction that commits its rows. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void markSnapshotCompleted(UUID streamId) {
        streams.markSnapshotCompleted(streamId);
    }

    /** Marks the pending copies of these tables completed, inside the transaction that commits past their last row. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void markCopiesCompleted(UUID streamId, Collection<String> sourceTables) {
        if (!sourceTables.isEmpty()) {
            streams.markCopiesCompleted(streamId, sourceTables);
        }
    }

    /** The committed offset, read from the catalog on every call (in a transaction of its own when called from outside one). */
    public Optional<StoredOffset> offset(String connectorName) {
        return streams.offset(connectorName).map(o -> new StoredOffset(o.json(), o.version()));
    }

    /**
     * Writes the offset in the caller's transaction, by compare-and-set on the version read before
     * (-1: no offset yet).
     *
     * @return false when another writer moved it first (the caller's transaction must roll back)
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean saveOffset(String connectorName, Map<String, ?> offset, long expectedVersion) {
        String json;
        try {
            json = JSON.writeValueAsString(new LinkedHashMap<>(offset));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the CDC offset of " + connectorName, e);
        }
        return streams.saveOffset(connectorName, json, expectedVersion);
    }

    /**
     * Commits just an offset (a heartbeat, or transactions of no captured table), in its own
     * transaction, by compare-and-set.
     *
     * @throws IllegalStateException when another writer moved it first (nothing is written)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void commitOffset(String connectorName, Map<String, ?> offset, long expectedVersion) {
        if (!saveOffset(connectorName, offset, expectedVersion)) {
            throw new IllegalStateException("the offset of " + connectorName + " was moved by another writer");
        }
    }

    /**
     * {@link #commitOffset}, marking in the same transaction the copies of {@code copiedTables} completed (their
     * last rows are committed at or before this offset).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void commitOffset(
            CdcStream stream, Map<String, ?> offset, long expectedVersion, Collection<String> copiedTables) {
        if (!saveOffset(stream.connectorName(), offset, expectedVersion)) {
            throw new IllegalStateException("the offset of " + stream.connectorName() + " was moved by another writer");
        }
        streams.markCopiesCompleted(stream.id(), copiedTables);
    }

    /** Forgets a stream's offset (a restart from scratch after its slot was dropped). */
    public void deleteOffset(String connectorName) {
        streams.deleteOffset(connectorName);
    }

    /**
     * Deletes the stream, its tables and its offset, in one transaction (the assets stay).
     *
     * @return whether the stream existed
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean delete(UUID streamId, String connectorName) {
        return streams.delete(streamId, connectorName);
    }
}
