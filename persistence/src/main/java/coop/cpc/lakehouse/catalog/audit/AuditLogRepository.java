package coop.cpc.lakehouse.catalog.audit;

import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: the audit trail. Runs inside the caller's transaction. */
public interface AuditLogRepository {

    Optional<AuditLogEntry> find(UUID id);

    /**
     * The head of the chain: the entry no other entry points to with its prev_hash, or empty
     * when the trail is empty. Take a lock or retry on the prev_hash unique constraint when
     * appending concurrently.
     */
    Optional<AuditLogEntry> findChainHead();

    /** The entry whose prev_hash is the given hash (its successor in the chain). */
    Optional<AuditLogEntry> findSuccessor(String hash);

    /** Entries with occurred_at in [from, to), oldest first, at most limit. */
    List<AuditLogEntry> findBetween(Instant from, Instant to, int limit);

    /** Entries matching the filter after the cursor (null: from the start), in (occurred_at, id) order, at most limit. */
    List<AuditLogEntry> search(AuditLogFilter filter, TimeOrderCursor afterOrNull, int limit);

    /** The cursor that continues {@link #search} after the given entry. */
    static TimeOrderCursor after(AuditLogEntry entry) {
        return new TimeOrderCursor(entry.getOccurredAt(), entry.getId());
    }

    void add(AuditLogEntry entry);

    /**
     * The catalog database's clock, or empty when this repository has none to ask: the retention purge cuts by the
     * earlier of it and the server's, so a server clock set years ahead does not purge the trail.
     */
    default Optional<Instant> databaseNow() {
        return Optional.empty();
    }

    /** The anchor of the most recent purge, or empty when nothing was ever purged. */
    Optional<AuditAnchor> findLatestAnchor();

    /**
     * An anchor recorded after the given one (null: any) that holds the given hash, or empty: a purge batch that
     * committed since the given anchor was read and removed the entry with that hash (anchor ids only grow).
     */
    Optional<AuditAnchor> findAnchorAfter(Long anchorIdOrNull, String lastEntryHash);

    /**
     * Deletes the oldest entries that occurred before the given instant, at most {@code limit} of them, and
     * records, in the same transaction, an anchor naming the newest it deleted; returns how many were deleted
     * (fewer than {@code limit}: none older is left) and the anchor written, or empty when none was left to delete.
     */
    Optional<AuditPurgeBatch> purgeOccurredBefore(Instant instant, int limit);
}
