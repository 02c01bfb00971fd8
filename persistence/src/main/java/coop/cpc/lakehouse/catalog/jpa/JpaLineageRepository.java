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
import org.hibernate.query.NativeQuery;

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
        String repeatOf = repeatKey(edge);
        if (repeatOf == null) {
            em.persist(edge);
            return;
        }
        // One statement, so that two runs recording the same edge at once count two runs, never two edges.
        em.createNativeQuery(
                        "INSERT INTO lakehouse.data_lineage AS d (id, source_asset_id, source_uri, target_asset_id,"
                                + " transformation, parameters, column_mappings, job_id, execution_id, created_by, created_at,"
                                + " run_count, last_execution_id, last_recorded_at)"
                                + " VALUES (:id, :sourceAsset, :sourceUri, :target, :transformation, CAST(:parameters AS jsonb),"
                                + " CAST(:columnMappings AS jsonb), :job, :execution, :createdBy, :at, 1, :execution, :at)"
                                + " ON CONFLICT " + repeatOf + " DO UPDATE SET run_count = d.run_count + 1,"
                                + " last_execution_id = EXCLUDED.last_execution_id, last_recorded_at = EXCLUDED.last_recorded_at,"
                                + " parameters = EXCLUDED.parameters, column_mappings = EXCLUDED.column_mappings")
                // Hibernate's query, for typed nulls (source asset, source URI, job and execution may be null).
                .unwrap(NativeQuery.class)
                .setParameter("id", edge.getId())
                .setParameter("sourceAsset", edge.getSourceAssetId(), UUID.class)
                .setParameter("sourceUri", edge.getSourceUri(), String.class)
                .setParameter("target", edge.getTargetAssetId())
                .setParameter("transformation", edge.getTransformation().name())
                .setParameter("parameters", edge.getParameters())
                .setParameter("columnMappings", edge.getColumnMappings())
                .setParameter("job", edge.getJobId(), UUID.class)
                .setParameter("execution", edge.getExecutionId(), Long.class)
                .setParameter("createdBy", edge.getCreatedBy())
                .setParameter("at", edge.getCreatedAt())
                .executeUpdate();
    }

    /** The unique index (V14) a repeat of the edge meets, as an ON CONFLICT target, or null when none applies. */
    private static String repeatKey(LineageEdge edge) {
        if (edge.getJobId() != null && edge.getSourceUri() != null) {
            return "(job_id, source_uri, target_asset_id, transformation)"
                    + " WHERE job_id IS NOT NULL AND source_uri IS NOT NULL";
        }
        if (edge.getJobId() == null && edge.getSourceAssetId() != null) {
            return "(source_asset_id, target_asset_id, transformation)"
                    + " WHERE job_id IS NULL AND source_asset_id IS NOT NULL";
        }
        return null;
    }

    @Override
    public void keepEdgesOfDeletedSource(UUID sourceAssetId, String sourceUri) {
        em.createNativeQuery("UPDATE lakehouse.data_lineage SET source_uri = :uri"
                        + " WHERE source_asset_id = :asset AND source_uri IS NULL")
                .setParameter("uri", sourceUri)
                .setParameter("asset", sourceAssetId)
                .executeUpdate();
    }
}
