package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.columnar.Column;
import jakarta.ejb.Local;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An asset's data as a table: rows read by merge-on-read at any retained snapshot, the change feed
 * between two snapshots, appends, upserts and deletes by primary key (each commit one snapshot, by
 * compare-and-set), compaction and snapshot expiry. Every method is audited. Writers that commit
 * several assets and work of their own in one transaction (change data capture) stage their changes
 * with {@link #stage} and commit them together with {@link #commit}.
 */
@Local
public interface TableService {

    /**
     * The current version of each row (merge-on-read) at the current snapshot, or {@code asOf} an older one.
     *
     * @param columns  the columns to return (each at most once), or empty for all
     * @param first    page size, 1 to the configured maximum
     * @param after    the previous page's cursor, or null
     * @param asOf     the snapshot to read, or null for the current one (ignored with a cursor)
     * @param maxBytes the most bytes the page's values may take in the response
     * @throws SnapshotExpiredException when the snapshot asked for was removed by snapshot expiry
     */
    RowPage rows(
            UUID assetId,
            List<String> columns,
            List<RowPredicate> where,
            int first,
            RowCursor after,
            AsOf asOf,
            long maxBytes)
            throws UnknownAssetException, InvalidInputException, ResponseTooLargeException, SnapshotExpiredException;

    /**
     * The inserts, updates (before and after) and deletes committed after {@code fromSnapshot} up to and
     * including {@code toSnapshot}, in commit order: resume a feed by passing the last {@code toSnapshot}
     * as the next {@code fromSnapshot}.
     *
     * @param fromSnapshot exclusive start, or null for the asset's beginning
     * @param toSnapshot   inclusive end, or null for the current snapshot (or, when more than {@code
     *                     ChangeFeed.MAX_RANGE_SNAPSHOTS} snapshots follow {@code fromSnapshot}, the last of the first
     *                     that many: the answer's {@code toSnapshot} names the end it used)
     * @throws InvalidInputException when the range spans more than {@code ChangeFeed.MAX_RANGE_SNAPSHOTS} snapshots,
     *                               holds more than {@code ChangeFeed.MAX_CHANGES} changes, or starts at a
     *                               {@code fromSnapshot} with more than {@code ChangeFeed.MAX_SEGMENTS_AT_FROM} live
     *                               segments (all refused before the range's catalog rows are loaded, when the
     *                               catalog's row counts show it)
     */
    ChangePage changes(UUID assetId, UUID fromSnapshot, UUID toSnapshot, int first, ChangeCursor after, long maxBytes)
            throws UnknownAssetException, InvalidInputException, ResponseTooLargeException, SnapshotExpiredException;

    /** Appends rows sent as text (an asset with a primary key treats them as upserts). One snapshot. */
    CommitResult appendText(UUID assetId, List<IncomingColumn> columns, List<List<String>> rows)
            throws UnknownAssetException, InvalidInputException, SchemaMismatchException, CommitConflictException;

    /** Inserts or replaces rows by primary key, sent as text: each row hides the older versions of its key. */
    CommitResult upsertText(UUID assetId, List<IncomingColumn> columns, List<List<String>> rows)
            throws UnknownAssetException, InvalidInputException, SchemaMismatchException, CommitConflictException;

    /** Deletes rows by primary key; each key is the values of the key columns as text, in the key's order. */
    CommitResult deleteText(UUID assetId, List<List<String>> keys)
            throws UnknownAssetException, InvalidInputException, SchemaMismatchException, CommitConflictException;

    /** Appends rows of the format's Java types (ingestion). One snapshot. */
    CommitResult append(UUID assetId, List<Column> columns, List<Object[]> rows, UUID jobId, Long executionId)
            throws UnknownAssetException, InvalidInputException, SchemaMismatchException, CommitConflictException;

    /** Inserts or replaces rows by primary key (values of the format's Java types). One snapshot. */
    CommitResult upsert(UUID assetId, List<Column> columns, List<Object[]> rows, UUID jobId, Long executionId)
            throws UnknownAssetException, InvalidInputException, SchemaMismatchException, CommitConflictException;

    /** Deletes rows by primary key: each key holds the key columns' values in the key's order. One snapshot. */
    CommitResult delete(UUID assetId, List<Object[]> keys, UUID jobId, Long executionId)
            throws UnknownAssetException, InvalidInputException, SchemaMismatchException, CommitConflictException;

    /**
     * Writes the segment files of one asset's changes without committing them. Commit them with
     * {@link #commit}; or {@link #discard} them.
     */
    StagedChanges stage(UUID assetId, TableChanges changes)
            throws UnknownAssetException, InvalidInputException, SchemaMismatchException;

    /**
     * Commits the staged changes of one or several assets, and then the caller's {@code work}, in ONE
     * catalog transaction: each asset gets one snapshot on top of whatever is current once it is locked
     * (compare-and-set under the asset's row lock; changes carry their sequence from this commit, so a
     * writer that committed in between stays older). Schemas are re-validated. When anything fails,
     * nothing is committed and the staged files stay for a retry or {@link #discard}.
     *
     * @param work runs inside the transaction after the snapshots are recorded (e.g. store a CDC offset); may be null
     */
    <T> MultiCommitResult<T> commit(List<StagedChanges> staged, CommitWork<T> work, UUID jobId, Long executionId)
            throws UnknownAssetException, SchemaMismatchException, InvalidInputException, CommitWorkException;

    /**
     * {@link #stage} and {@link #commit} in one call (one audit entry naming the assets, the rows and what the
     * work says of itself): stages each asset's changes, then commits them and the caller's {@code work} in ONE
     * catalog transaction. When anything fails, nothing is committed and the staged files are deleted, except
     * those the catalog names (asked afterwards: a commit that threw may have committed all the same).
     *
     * @param changes per asset id, committed in this order
     */
    <T> MultiCommitResult<T> commitChanges(
            Map<UUID, TableChanges> changes, CommitWork<T> work, UUID jobId, Long executionId)
            throws UnknownAssetException, SchemaMismatchException, InvalidInputException, CommitWorkException;

    /** The same commit inside the caller's JTA transaction (which must exist). */
    List<CommitResult> commitInCurrentTransaction(List<StagedChanges> staged, UUID jobId, Long executionId)
            throws UnknownAssetException, SchemaMismatchException, InvalidInputException;

    /**
     * Deletes the staged files no segment of the catalog names (asked in a new transaction: a commit that threw may
     * have committed all the same); when the catalog cannot be asked, none (the orphan cleanup deletes them later).
     */
    void discard(List<StagedChanges> staged);

    /**
     * Rewrites the asset's live data and delete segments into fresh base segments of
     * {@code compaction_target_rows} rows, one COMPACT snapshot; retries when a concurrent commit
     * removed a segment it read (changes committed meanwhile stay, newer than the compacted rows).
     */
    CompactionResult compact(UUID assetId) throws UnknownAssetException, CommitConflictException;

    /** Starts the {@code compact-asset} job for the asset; returns its execution id. */
    long startCompaction(UUID assetId) throws UnknownAssetException;

    /**
     * Expires the asset's snapshots committed before {@code olderThan}, keeping at least the newest
     * {@code retainLast} (and always the current one), and deletes the segment files no retained
     * snapshot references.
     */
    ExpiryResult expireSnapshots(UUID assetId, Instant olderThan, int retainLast)
            throws UnknownAssetException, InvalidInputException;

    /**
     * Deletes the catalog rows of snapshots (of every asset) expired before {@code expiredBefore}, except those a
     * segment still in the catalog names, in batches of at most {@link #SNAPSHOT_DELETE_BATCH} rows, each its own
     * transaction. Each asset records the newest snapshot deleted, so that a read of a deleted snapshot (by id or
     * by a time it was current) and a change feed from the asset's beginning are still refused as expired.
     *
     * @return how many snapshot rows were deleted
     */
    long deleteExpiredSnapshots(Instant expiredBefore) throws InvalidInputException;

    /** The most snapshot rows one transaction of {@link #deleteExpiredSnapshots} deletes. */
    int SNAPSHOT_DELETE_BATCH = 1000;
}
