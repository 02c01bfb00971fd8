package coop.cpc.lakehouse.catalog.jpa;

import coop.cpc.lakehouse.catalog.HistorySize;
import coop.cpc.lakehouse.catalog.segment.SegmentCursor;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** {@link SegmentRepository} on JPA; joins the caller's JTA transaction. */
@ApplicationScoped
public class JpaSegmentRepository extends JpaRepository implements SegmentRepository {

    /**
     * The newest {@code :newest} rows of each of {@code :assets}, only when their measure fits {@code :maxBytes}: the
     * window runs once (kept, used twice, is computed once) and the measure is one uncorrelated subquery.
     */
    static final String NEWEST_WITHIN =
            "WITH kept AS (SELECT w.id, w.sequence_number FROM (SELECT c.id, a.sequence_number,"
                    + " row_number() OVER (PARTITION BY c.asset_id"
                    + " ORDER BY a.sequence_number DESC, c.created_at DESC, c.id DESC) AS newest"
                    + " FROM lakehouse.webm_columnar c JOIN lakehouse.asset_snapshots a"
                    + " ON a.id = c.added_snapshot_id WHERE c.asset_id IN (:assets)) w"
                    + " WHERE w.newest <= :newest)"
                    + " SELECT g.* FROM lakehouse.webm_columnar g JOIN kept r ON r.id = g.id"
                    + " WHERE (SELECT count(*) * :itemBytes"
                    + " + coalesce(sum(length(z.path) + length(z.column_statistics::text)), 0)"
                    + " FROM lakehouse.webm_columnar z JOIN kept k ON k.id = z.id) <= :maxBytes"
                    + " ORDER BY g.asset_id, r.sequence_number, g.created_at, g.id";

    /**
     * The segments a snapshot in {@code (:after, :upTo]} of {@code :asset} added or removed, in the order they were
     * added. Driven by the range's snapshots (asset_snapshots_asset_sequence_uk), then the segments they added or
     * removed (webm_columnar_added_snapshot_idx, webm_columnar_removed_snapshot_idx): a poll's cost follows its range,
     * not the asset's history, where an "added in the range or removed by a snapshot in it" filter scanned every
     * segment of the asset. IN drops the second copy of a segment both added and removed in the range.
     */
    static final String CHANGED_IN_RANGE =
            "SELECT g.* FROM lakehouse.webm_columnar g JOIN lakehouse.asset_snapshots added"
                    + " ON added.id = g.added_snapshot_id"
                    + " WHERE g.id IN (SELECT c.id FROM lakehouse.asset_snapshots r"
                    + " JOIN lakehouse.webm_columnar c ON c.added_snapshot_id = r.id"
                    + " WHERE r.asset_id = :asset AND r.sequence_number > :after AND r.sequence_number <= :upTo"
                    + " UNION ALL SELECT c.id FROM lakehouse.asset_snapshots r"
                    + " JOIN lakehouse.webm_columnar c ON c.removed_snapshot_id = r.id"
                    + " WHERE r.asset_id = :asset AND r.sequence_number > :after AND r.sequence_number <= :upTo)"
                    + " ORDER BY added.sequence_number, g.created_at, g.id";

    /**
     * The rows of the DATA segments that the non-COMPACT snapshots in {@code (:after, :upTo]} of {@code :asset} added:
     * the range's snapshots (asset_snapshots_asset_sequence_uk), then the segments each added
     * (webm_columnar_added_snapshot_idx), as in {@link #CHANGED_IN_RANGE}.
     */
    static final String DATA_ROWS_ADDED_IN_RANGE = "SELECT COALESCE(SUM(c.row_count), 0)"
            + " FROM lakehouse.asset_snapshots r JOIN lakehouse.webm_columnar c ON c.added_snapshot_id = r.id"
            + " WHERE r.asset_id = :asset AND r.sequence_number > :after AND r.sequence_number <= :upTo"
            + " AND r.operation <> 'COMPACT' AND c.kind = 'DATA'";

    /**
     * The segments of {@code :asset} live at its snapshot {@code :snapshot}: added at or before it and not removed at
     * or before it. Snapshot ids do not order; the asset's sequence numbers do.
     */
    private static final String LIVE_AT = " from WebmSegment g, AssetSnapshot added, AssetSnapshot at"
            + " where g.assetId = :asset and at.id = :snapshot and at.assetId = :asset"
            + " and added.id = g.addedSnapshotId and added.sequenceNumber <= at.sequenceNumber"
            + " and (g.removedSnapshotId is null or not exists (select 1 from AssetSnapshot removed"
            + "      where removed.id = g.removedSnapshotId and removed.sequenceNumber <= at.sequenceNumber))";

    /** For CDI. */
    public JpaSegmentRepository() {}

    /** For use outside a container (tests, tools) with an EntityManager the caller manages. */
    public JpaSegmentRepository(EntityManager em) {
        super(em);
    }

    @Override
    public Optional<WebmSegment> find(UUID id) {
        return Optional.ofNullable(em.find(WebmSegment.class, id));
    }

    @Override
    public Optional<WebmSegment> findByPath(String path) {
        return first(em.createQuery("select g from WebmSegment g where g.path = :path", WebmSegment.class)
                .setParameter("path", path));
    }

    @Override
    public Set<String> knownPaths(Collection<String> paths) {
        return among(String.class, "select g.path from WebmSegment g where g.path in :values", paths);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<WebmSegment> findByAssets(
            java.util.Collection<UUID> assetIds, int newest, long itemBytes, long maxBytes) {
        if (assetIds.isEmpty()) {
            return List.of();
        }
        return em.createNativeQuery(NEWEST_WITHIN, WebmSegment.class)
                .setParameter("assets", assetIds)
                .setParameter("newest", Limits.requirePositive(newest))
                .setParameter("itemBytes", itemBytes)
                .setParameter("maxBytes", maxBytes)
                .getResultList();
    }

    @Override
    public HistorySize sizeOfNewest(java.util.Collection<UUID> assetIds, int newest) {
        return historySize(
                "SELECT count(*), coalesce(sum(length(g.path) + length(g.column_statistics::text)), 0)"
                        + " FROM lakehouse.webm_columnar g JOIN (SELECT c.id, row_number() OVER (PARTITION BY"
                        + " c.asset_id ORDER BY a.sequence_number DESC, c.created_at DESC, c.id DESC) AS newest"
                        + " FROM lakehouse.webm_columnar c JOIN lakehouse.asset_snapshots a"
                        + " ON a.id = c.added_snapshot_id WHERE c.asset_id IN (:assets)) r ON r.id = g.id"
                        + " WHERE r.newest <= :newest",
                assetIds,
                newest);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<WebmSegment> findAddedBefore(SegmentCursor before, int newest) {
        List<WebmSegment> page = new ArrayList<>(em.createNativeQuery(
                        "SELECT g.* FROM lakehouse.webm_columnar g JOIN lakehouse.asset_snapshots a"
                                + " ON a.id = g.added_snapshot_id,"
                                + " (SELECT ba.sequence_number, b.created_at, b.id FROM lakehouse.webm_columnar b"
                                + " JOIN lakehouse.asset_snapshots ba ON ba.id = b.added_snapshot_id"
                                + " WHERE b.id = :segment AND b.asset_id = :asset) pos"
                                + " WHERE g.asset_id = :asset"
                                + " AND (a.sequence_number, g.created_at, g.id)"
                                + " < (pos.sequence_number, pos.created_at, pos.id)"
                                + " ORDER BY a.sequence_number DESC, g.created_at DESC, g.id DESC LIMIT :newest",
                        WebmSegment.class)
                .setParameter("asset", before.assetId())
                .setParameter("segment", before.segmentId())
                .setParameter("newest", Limits.requirePositive(newest))
                .getResultList());
        Collections.reverse(page);
        return page;
    }

    @Override
    public List<WebmSegment> findByAsset(UUID assetId) {
        return list(
                WebmSegment.class,
                "select g from WebmSegment g, AssetSnapshot added"
                        + " where g.assetId = :asset and added.id = g.addedSnapshotId"
                        + " order by added.sequenceNumber, g.createdAt, g.id",
                "asset",
                assetId);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<WebmSegment> findChangedInRange(UUID assetId, long afterSequence, long upToSequence) {
        return em.createNativeQuery(CHANGED_IN_RANGE, WebmSegment.class)
                .setParameter("asset", assetId)
                .setParameter("after", afterSequence)
                .setParameter("upTo", upToSequence)
                .getResultList();
    }

    @Override
    public long dataRowsAddedInRange(UUID assetId, long afterSequence, long upToSequence) {
        return ((Number) em.createNativeQuery(DATA_ROWS_ADDED_IN_RANGE)
                        .setParameter("asset", assetId)
                        .setParameter("after", afterSequence)
                        .setParameter("upTo", upToSequence)
                        .getSingleResult())
                .longValue();
    }

    @Override
    public List<WebmSegment> findLiveAt(UUID assetId, UUID snapshotId) {
        return em.createQuery(
                        "select g" + LIVE_AT + " order by added.sequenceNumber, g.createdAt, g.id", WebmSegment.class)
                .setParameter("asset", assetId)
                .setParameter("snapshot", snapshotId)
                .getResultList();
    }

    @Override
    public long countLiveAt(UUID assetId, UUID snapshotId) {
        return em.createQuery("select count(g)" + LIVE_AT, Long.class)
                .setParameter("asset", assetId)
                .setParameter("snapshot", snapshotId)
                .getSingleResult();
    }

    @Override
    public List<WebmSegment> findAddedBy(UUID snapshotId) {
        return list(
                WebmSegment.class,
                "select g from WebmSegment g where g.addedSnapshotId = :snapshot" + " order by g.createdAt, g.id",
                "snapshot",
                snapshotId);
    }

    @Override
    public void add(WebmSegment segment) {
        em.persist(segment);
    }

    @Override
    public void remove(WebmSegment segment) {
        em.remove(em.contains(segment) ? segment : em.merge(segment));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<ForgottenFile> forgetRemovedThrough(UUID assetId, long sequence) {
        List<Object[]> rows = em.createNativeQuery("DELETE FROM lakehouse.webm_columnar g"
                        + " USING lakehouse.asset_snapshots s"
                        + " WHERE g.asset_id = :asset AND s.id = g.removed_snapshot_id AND s.asset_id = :asset"
                        + " AND s.sequence_number <= :sequence"
                        + " RETURNING g.path, g.byte_size")
                .setParameter("asset", assetId)
                .setParameter("sequence", sequence)
                .getResultList();
        return rows.stream()
                .map(row -> new ForgottenFile((String) row[0], ((Number) row[1]).longValue()))
                .toList();
    }
}
