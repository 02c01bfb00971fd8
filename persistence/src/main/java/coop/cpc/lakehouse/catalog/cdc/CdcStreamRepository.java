package coop.cpc.lakehouse.catalog.cdc;

import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Port: the CDC streams, their tables and their offsets. Runs in the caller's transaction, so an
 * offset commits with the snapshots it covers.
 */
public interface CdcStreamRepository {

    /**
     * Inserts the stream and its tables.
     *
     * @throws DuplicateCdcStreamException when another stream holds its name or slot (the caller's
     *                                     transaction cannot go on: it must roll back)
     */
    void insert(CdcStreamRow stream, String createdBy);

    /**
     * Adds tables to the stream; a table the stream already has is left as it is (its copy state too: a caller's
     * read of the stream may be older than a copy that completed since).
     */
    void addTables(UUID streamId, List<CdcStreamTableRow> tables);

    /** Every stream, oldest first. */
    List<CdcStreamRow> list();

    /**
     * One page of streams in (created_at, id) order, oldest first, with their tables: a bounded number of queries
     * however many tables the streams have.
     *
     * @param afterOrNull continue after the stream at this position (its created_at and id), or from the oldest
     * @param limit       at most this many, at least 1
     */
    List<CdcStreamRow> page(TimeOrderCursor afterOrNull, int limit);

    Optional<CdcStreamRow> find(UUID id);

    Optional<CdcStreamRow> findByName(String name);

    /** The names of the streams one of whose tables writes into the asset, by name. */
    List<String> namesWriting(UUID assetId);

    /** Sets desired_state (RUNNING or STOPPED) and moves the version. */
    void setDesiredState(UUID streamId, String desiredState);

    /** Sets last_error (null clears it). */
    void setLastError(UUID streamId, String error);

    void markSnapshotCompleted(UUID streamId);

    /**
     * Marks the pending copies of the stream's {@code sourceTables} completed (now); tables without a pending copy
     * are left alone.
     *
     * @return the tables marked
     */
    int markCopiesCompleted(UUID streamId, Collection<String> sourceTables);

    /** The committed offset, read from the database on every call. */
    Optional<StoredCdcOffset> offset(String connectorName);

    /**
     * Writes the offset by compare-and-set on the version read before (-1: no offset yet).
     *
     * @return false when another writer moved it first
     */
    boolean saveOffset(String connectorName, String offsetJson, long expectedVersion);

    void deleteOffset(String connectorName);

    /**
     * Deletes the stream, its tables and the offset of its connector (the assets stay).
     *
     * @return whether the stream existed
     */
    boolean delete(UUID streamId, String connectorName);
}
