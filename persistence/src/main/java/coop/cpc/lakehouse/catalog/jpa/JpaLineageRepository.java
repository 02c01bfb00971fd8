package coop.cpc.lakehouse.catalog.jpa;

import coop.cpc.lakehouse.catalog.lineage.LineageEdge;
import coop.cpc.lakehouse.catalog.lineage.LineageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link LineageRepository} on JPA; joins the caller's JTA transaction. */
@ApplicationScoped
public class JpaLineageRepository extends JpaRepository implements LineageRepository {
    /** Ids per IN list: far below PostgreSQL's 32767 bind parameters, and one plan shape for most calls. */
    static final int BATCH = 500;

    private static final Comparator<LineageEdge> OLDEST_FIRST =
            Comparator.comparing(LineageEdge::getCreatedAt).thenComparing(LineageEdge::getId);

    /** For CDI. */
    public JpaLineageRepository() {}

    /** For use outside a container (tests, tools) with an EntityManager the caller manages. */
    public JpaLineageRepository(EntityManager em) {
        super(em);
    }

    @Override
    public Optional<LineageEdge> find(UUID id) {
        return Optional.ofNullable(em.find(LineageEdge.class, id));
    }

    @Override
    public List<LineageEdge> findUpstream(UUID targetAssetId) {
        return where("e.targetAssetId = :value", targetAssetId);
    }

    @Override
    public List<LineageEdge> findDownstream(UUID sourceAssetId) {
        return where("e.sourceAssetId = :value", sourceAssetId);
    }

    @Override
    public List<LineageEdge> findUpstream(Collection<UUID> targetAssetIds, int limit) {
        return whereIn("e.targetAssetId", targetAssetIds, limit);
    }

    @Override
    public List<LineageEdge> findDownstream(Collection<UUID> sourceAssetIds, int limit) {
        return whereIn("e.sourceAssetId", sourceAssetIds, limit);
    }

    @Override
    public List<LineageEdge> findBySourceUri(String sourceUri) {
        return where("e.sourceUri = :value", sourceUri);
    }

    @Override
    public List<LineageEdge> findByJob(UUID jobId) {
        return where("e.jobId = :value", jobId);
    }

    private List<LineageEdge> where(String condition, Object value) {
        return list(
                LineageEdge.class,
                "select e from LineageEdge e where " + condition + " order by e.createdAt, e.id",
                "value",
                value);
    }

    /** The oldest {@code limit} of each batch hold the oldest {@code limit} of all. */
    private List<LineageEdge> whereIn(String attribute, Collection<UUID> ids, int limit) {
        if (limit < 1) {
            return List.of();
        }
        List<UUID> distinct = ids.stream().distinct().toList();
        List<LineageEdge> edges = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += BATCH) {
            List<UUID> batch = distinct.subList(from, Math.min(from + BATCH, distinct.size()));
            edges.addAll(em.createQuery(
                            "select e from LineageEdge e where " + attribute + " in :ids order by e.createdAt, e.id",
                            LineageEdge.class)
                    .setParameter("ids", batch)
                    .setMaxResults(limit)
                    .getResultList());
        }
        // Sorted here too so that the batches come back as one ordered list.
        edges.sort(OLDEST_FIRST);
        return edges.size() > limit ? List.copyOf(edges.subList(0, limit)) : edges;
    }

    @Override
    public void add(LineageEdge edge) {
        em.persist(edge);
    }
}
