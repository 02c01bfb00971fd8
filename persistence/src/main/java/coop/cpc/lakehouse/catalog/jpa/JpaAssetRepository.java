package coop.cpc.lakehouse.catalog.jpa;

import coop.cpc.lakehouse.catalog.asset.AssetCursor;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/** {@link AssetRepository} on JPA; joins the caller's JTA transaction. */
@ApplicationScoped
public class JpaAssetRepository extends JpaRepository implements AssetRepository {

    /** For CDI. */
    public JpaAssetRepository() {}

    /** For use outside a container (tests, tools) with an EntityManager the caller manages. */
    public JpaAssetRepository(EntityManager em) {
        super(em);
    }

    @Override
    public Optional<DataAsset> find(UUID id) {
        return Optional.ofNullable(em.find(DataAsset.class, id));
    }

    @Override
    public Map<UUID, Long> rowCounts(Collection<UUID> ids) {
        Map<UUID, Long> counts = new HashMap<>();
        if (ids.isEmpty()) {
            return counts;
        }
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT id, row_count FROM lakehouse.data_assets WHERE id = ANY (?)")) {
                s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        counts.put(r.getObject(1, UUID.class), r.getLong(2));
                    }
                }
            }
            return counts;
        });
    }

    @Override
    public Optional<DataAsset> findForUpdate(UUID id) {
        return Optional.ofNullable(em.find(DataAsset.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public boolean lockAgainstReferences(UUID id) {
        return !em.createNativeQuery("SELECT 1 FROM lakehouse.data_assets WHERE id = :id FOR UPDATE")
                .setParameter("id", id)
                .getResultList()
                .isEmpty();
    }

    @Override
    public boolean lockAsReferenced(UUID id) {
        return !em.createNativeQuery("SELECT 1 FROM lakehouse.data_assets WHERE id = :id FOR KEY SHARE")
                .setParameter("id", id)
                .getResultList()
                .isEmpty();
    }

    @Override
    public Optional<DataAsset> findByName(String namespace, String name) {
        return first(em.createQuery(
                        "select a from DataAsset a where a.namespace = :namespace and a.name = :name", DataAsset.class)
                .setParameter("namespace", namespace)
                .setParameter("name", name));
    }

    @Override
    public List<DataAsset> page(String namespaceOrNull, List<String> tagsAllOf, AssetCursor afterOrNull, int limit) {
        Limits.requirePositive(limit);
        FilteredSelect select = new FilteredSelect("select a from DataAsset a")
                .and("a.namespace = :namespace", "namespace", namespaceOrNull);
        if (!tagsAllOf.isEmpty()) {
            // "tags @> ?" is what the GIN index on tags serves. Hibernate binds a String[] as
            // varchar[], and PostgreSQL has no @> between text[] and varchar[], hence the cast
            // (array_includes would render the same operator without it). PostgreSQL folds
            // "cast(predicate as boolean) = true" back to the predicate, so the index still applies.
            select.and(
                    "cast(sql('(? @> cast(? as text[]))', a.tags, :tags) as Boolean) = true",
                    Map.of("tags", tagsAllOf.toArray(String[]::new)));
        }
        if (afterOrNull != null) {
            // Row-value comparison: one range scan of the (namespace, name) unique index.
            select.and(
                    "(a.namespace, a.name) > (:afterNamespace, :afterName)",
                    Map.of("afterNamespace", afterOrNull.namespace(), "afterName", afterOrNull.name()));
        }
        return select.list(em, DataAsset.class, "a.namespace, a.name", limit);
    }

    @Override
    public void add(DataAsset asset) {
        em.persist(asset);
    }

    @Override
    public void remove(DataAsset asset) {
        em.remove(em.contains(asset) ? asset : em.merge(asset));
    }
}
