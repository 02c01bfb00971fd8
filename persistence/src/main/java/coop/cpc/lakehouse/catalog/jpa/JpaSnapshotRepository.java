package coop.cpc.lakehouse.catalog.jpa;

import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.HistorySize;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.DeletedSnapshotHistory;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotCursor;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link SnapshotRepository} on JPA; joins the caller's JTA transaction. */
@ApplicationScoped
public class JpaSnapshotRepository extends JpaRepository implements SnapshotRepository {

    /**
     * The newest {@code :newest} rows of each of {@code :assets}, only when their measure fits {@code :maxBytes}: the
     * window runs once (kept, used twice, is computed once) and the measure is one uncorrelated subquery.
     */
    static final String NEWEST_WITHIN =
            "WITH kept AS (SELECT w.id FROM (SELECT id, row_number() OVER (PARTITION BY asset_id"
                    + " ORDER BY sequence_number DESC) AS newest FROM lakehouse.asset_snapshots"
                    + " WHERE asset_id IN (:assets)) w WHERE w.newest <= :newest)"
                    + " SELECT s.* FROM lakehouse.asset_snapshots s JOIN kept r ON r.id = s.id"
                    + " WHERE (SELECT count(*) * :itemBytes + coalesce(sum(length(z.summary::text)), 0)"
                    + " FROM lakehouse.asset_snapshots z JOIN kept k ON k.id = z.id) <= :maxBytes"
                    + " ORDER BY s.asset_id, s.sequence_number";

    /**
     * Part of a range: the positions are found among its sequence numbers alone (at most {@code :skip + :limit}
     * entries of asset_snapshots_asset_sequence_uk, an index-only scan where the table is vacuumed), and only the rows
     * found are read.
     */
    static final String IN_RANGE_PART = "SELECT s.* FROM lakehouse.asset_snapshots s JOIN (SELECT r.sequence_number"
            + " FROM lakehouse.asset_snapshots r"
            + " WHERE r.asset_id = :asset AND r.sequence_number > :after AND r.sequence_number <= :upTo"
            + " ORDER BY r.sequence_number OFFSET :skip LIMIT :limit) part"
            + " ON s.sequence_number = part.sequence_number WHERE s.asset_id = :asset ORDER BY s.sequence_number";

    /** For CDI. */
    public JpaSnapshotRepository() {}

    /** For use outside a container (tests, tools) with an EntityManager the caller manages. */
    public JpaSnapshotRepository(EntityManager em) {
        super(em);
    }

    @Override
    public Optional<AssetSnapshot> find(UUID id) {
        return Optional.ofNullable(em.find(AssetSnapshot.class, id));
    }

    @Override
    public List<AssetSnapshot> findByAsset(UUID assetId) {
        return list(
                AssetSnapshot.class,
                "select s from AssetSnapshot s where s.assetId = :asset order by s.sequenceNumber",
                "asset",
                assetId);
    }

    @Override
    public List<AssetSnapshot> findInRange(UUID assetId, long afterSequence, long upToSequence) {
        return em.createQuery(
                        "select s from AssetSnapshot s where s.assetId = :asset and s.sequenceNumber > :after"
                                + " and s.sequenceNumber <= :upTo order by s.sequenceNumber",
                        AssetSnapshot.class)
                .setParameter("asset", assetId)
                .setParameter("after", afterSequence)
                .setParameter("upTo", upToSequence)
                .getResultList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<AssetSnapshot> findInRange(UUID assetId, long afterSequence, long upToSequence, int skip, int limit) {
        if (skip < 0) {
            throw new IllegalArgumentException("skip must not be negative: " + skip);
        }
        return em.createNativeQuery(IN_RANGE_PART, AssetSnapshot.class)
                .setParameter("asset", assetId)
                .setParameter("after", afterSequence)
                .setParameter("upTo", upToSequence)
                .setParameter("skip", skip)
                .setParameter("limit", Limits.requirePositive(limit))
                .getResultList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<AssetSnapshot> findByAssets(
            java.util.Collection<UUID> assetIds, int newest, long itemBytes, long maxBytes) {
        if (assetIds.isEmpty()) {
            return List.of();
        }
        return em.createNativeQuery(NEWEST_WITHIN, AssetSnapshot.class)
                .setParameter("assets", assetIds)
                .setParameter("newest", Limits.requirePositive(newest))
                .setParameter("itemBytes", itemBytes)
                .setParameter("maxBytes", maxBytes)
                .getResultList();
    }

    @Override
    public HistorySize sizeOfNewest(java.util.Collection<UUID> assetIds, int newest) {
        return historySize(
                "SELECT count(*), coalesce(sum(length(s.summary::text)), 0) FROM lakehouse.asset_snapshots s"
                        + " JOIN (SELECT id, row_number() OVER (PARTITION BY asset_id ORDER BY sequence_number"
                        + " DESC) AS newest FROM lakehouse.asset_snapshots WHERE asset_id IN (:assets)) r"
                        + " ON r.id = s.id WHERE r.newest <= :newest",
                assetIds,
                newest);
    }

    @Override
    public List<AssetSnapshot> findBefore(SnapshotCursor before, int newest) {
        List<AssetSnapshot> page = new ArrayList<>(em.createQuery(
                        "select s from AssetSnapshot s where s.assetId = :asset and s.sequenceNumber < :before"
                                + " order by s.sequenceNumber desc",
                        AssetSnapshot.class)
                .setParameter("asset", before.assetId())
                .setParameter("before", before.sequenceNumber())
                .setMaxResults(Limits.requirePositive(newest))
                .getResultList());
        Collections.reverse(page);
        return page;
    }

    @Override
    public Optional<AssetSnapshot> findLatest(UUID assetId) {
        return first(em.createQuery(
                        "select s from AssetSnapshot s where s.assetId = :asset order by s.sequenceNumber desc",
                        AssetSnapshot.class)
                .setParameter("asset", assetId));
    }

    @Override
    public java.util.OptionalLong firstSequenceCommittedFrom(UUID assetId, Instant instant) {
        Long first = em.createQuery(
                        "select min(s.sequenceNumber) from AssetSnapshot s where s.assetId = :asset"
                                + " and s.committedAt >= :instant",
                        Long.class)
                .setParameter("asset", assetId)
                .setParameter("instant", instant)
                .getSingleResult();
        return first == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(first);
    }

    @Override
    public int expireBefore(UUID assetId, long sequence) {
        return em.createQuery("update AssetSnapshot s set s.expiredAt = :now where s.assetId = :asset"
                        + " and s.sequenceNumber < :sequence and s.expiredAt is null")
                .setParameter("now", coop.cpc.lakehouse.catalog.CatalogTime.now())
                .setParameter("asset", assetId)
                .setParameter("sequence", sequence)
                .executeUpdate();
    }

    @Override
    public Optional<AssetSnapshot> findAsOf(UUID assetId, Instant instant) {
        return first(em.createQuery(
                        "select s from AssetSnapshot s where s.assetId = :asset and s.committedAt <= :instant"
                                + " order by s.sequenceNumber desc",
                        AssetSnapshot.class)
                .setParameter("asset", assetId)
                .setParameter("instant", CatalogTime.truncate(instant)));
    }

    @Override
    public void add(AssetSnapshot snapshot) {
        em.persist(snapshot);
    }

    @Override
    public int deleteExpired(Instant expiredBefore, int limit) {
        // One statement: the rows, and per asset the newest deleted (a later batch only moves it forward).
        // SKIP LOCKED: a row another transaction holds waits for the next batch or the next day. The asset row is
        // share-locked up front (the history row's foreign key needs it): an asset being deleted (locked FOR UPDATE,
        // its cascade about to delete these snapshot rows) is passed by instead of deadlocking with that delete.
        Number deleted = (Number) em.createNativeQuery("WITH doomed AS (SELECT s.id FROM lakehouse.asset_snapshots s"
                        + " JOIN lakehouse.data_assets owner ON owner.id = s.asset_id"
                        + " WHERE s.expired_at < :before"
                        + " AND NOT EXISTS (SELECT 1 FROM lakehouse.webm_columnar g WHERE g.added_snapshot_id = s.id)"
                        + " AND NOT EXISTS (SELECT 1 FROM lakehouse.webm_columnar g WHERE g.removed_snapshot_id = s.id)"
                        + " AND NOT EXISTS (SELECT 1 FROM lakehouse.data_assets a WHERE a.current_snapshot_id = s.id)"
                        + " ORDER BY s.expired_at, s.id LIMIT :limit"
                        + " FOR UPDATE OF s SKIP LOCKED FOR KEY SHARE OF owner SKIP LOCKED),"
                        + " deleted AS (DELETE FROM lakehouse.asset_snapshots s USING doomed d WHERE s.id = d.id"
                        + " RETURNING s.asset_id, s.sequence_number, s.committed_at),"
                        + " recorded AS (INSERT INTO lakehouse.deleted_snapshot_history AS h"
                        + " (asset_id, through_sequence, through_committed_at, snapshots_deleted, updated_at)"
                        + " SELECT asset_id, max(sequence_number),"
                        + " (array_agg(committed_at ORDER BY sequence_number DESC))[1], count(*), now()"
                        + " FROM deleted GROUP BY asset_id"
                        + " ON CONFLICT (asset_id) DO UPDATE SET"
                        + " through_committed_at = CASE WHEN EXCLUDED.through_sequence > h.through_sequence"
                        + " THEN EXCLUDED.through_committed_at ELSE h.through_committed_at END,"
                        + " through_sequence = GREATEST(h.through_sequence, EXCLUDED.through_sequence),"
                        + " snapshots_deleted = h.snapshots_deleted + EXCLUDED.snapshots_deleted,"
                        + " updated_at = now() RETURNING 1)"
                        + " SELECT count(*) FROM deleted")
                .setParameter("before", CatalogTime.truncate(expiredBefore))
                .setParameter("limit", Limits.requirePositive(limit))
                .getSingleResult();
        return deleted.intValue();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<DeletedSnapshotHistory> deletedHistory(UUID assetId) {
        List<Object[]> rows = em.createNativeQuery("SELECT through_sequence, through_committed_at, snapshots_deleted"
                        + " FROM lakehouse.deleted_snapshot_history WHERE asset_id = :asset")
                .setParameter("asset", assetId)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(row -> new DeletedSnapshotHistory(
                        assetId, ((Number) row[0]).longValue(), instant(row[1]), ((Number) row[2]).longValue()));
    }

    /** A timestamptz of a native query: an Instant, or an OffsetDateTime, depending on the Hibernate version. */
    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
