package coop.cpc.lakehouse.catalog.jpa;

import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link SnapshotRepository} on JPA; joins the caller's JTA transaction. */
@ApplicationScoped
public class JpaSnapshotRepository extends JpaRepository implements SnapshotRepository {

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
    @SuppressWarnings("unchecked")
    public List<AssetSnapshot> findByAssets(java.util.Collection<UUID> assetIds, int newest) {
        if (assetIds.isEmpty()) {
            return List.of();
        }
        return em.createNativeQuery(
                        "SELECT s.* FROM lakehouse.asset_snapshots s JOIN (SELECT id, row_number() OVER"
                                + " (PARTITION BY asset_id ORDER BY sequence_number DESC) AS newest"
                                + " FROM lakehouse.asset_snapshots WHERE asset_id IN (:assets)) r ON r.id = s.id"
                                + " WHERE r.newest <= :newest ORDER BY s.asset_id, s.sequence_number",
                        AssetSnapshot.class)
                .setParameter("assets", assetIds)
                .setParameter("newest", Limits.requirePositive(newest))
                .getResultList();
    }

    @Override
    public Optional<AssetSnapshot> findLatest(UUID assetId) {
        return first(em.createQuery(
                        "select s from AssetSnapshot s where s.assetId = :asset order by s.sequenceNumber desc",
                        AssetSnapshot.class)
                .setParameter("asset", assetId));
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
}
