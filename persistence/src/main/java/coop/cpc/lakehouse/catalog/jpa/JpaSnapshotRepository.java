package coop.cpc.lakehouse.catalog.jpa;

import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link SnapshotRepository} on JPA; joins the caller's JTA transaction. */
@ApplicationScoped
public class JpaSnapshotRepository implements SnapshotRepository {

    @PersistenceContext(unitName = "lakehouse")
    private EntityManager em;

    /** For CDI. */
    public JpaSnapshotRepository() {}

    /** For use outside a container (tests, tools) with an EntityManager the caller manages. */
    public JpaSnapshotRepository(EntityManager em) {
        this.em = Objects.requireNonNull(em, "em");
    }

    @Override
    public Optional<AssetSnapshot> find(UUID id) {
        return Optional.ofNullable(em.find(AssetSnapshot.class, id));
    }

    @Override
    public List<AssetSnapshot> findByAsset(UUID assetId) {
        return em.createQuery(
                        "select s from AssetSnapshot s where s.assetId = :asset order by s.sequenceNumber",
                        AssetSnapshot.class)
                .setParameter("asset", assetId)
                .getResultList();
    }

    @Override
    public List<AssetSnapshot> findByAssets(java.util.Collection<UUID> assetIds) {
        if (assetIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery(
                        "select s from AssetSnapshot s where s.assetId in :assets order by s.assetId, s.sequenceNumber",
                        AssetSnapshot.class)
                .setParameter("assets", assetIds)
                .getResultList();
    }

    @Override
    public Optional<AssetSnapshot> findLatest(UUID assetId) {
        return em.createQuery(
                        "select s from AssetSnapshot s where s.assetId = :asset order by s.sequenceNumber desc",
                        AssetSnapshot.class)
                .setParameter("asset", assetId)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<AssetSnapshot> findAsOf(UUID assetId, Instant instant) {
        return em.createQuery(
                        "select s from AssetSnapshot s where s.assetId = :asset and s.committedAt <= :instant"
                                + " order by s.sequenceNumber desc",
                        AssetSnapshot.class)
                .setParameter("asset", assetId)
                .setParameter("instant", CatalogTime.truncate(instant))
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    @Override
    public void add(AssetSnapshot snapshot) {
        em.persist(snapshot);
    }
}
