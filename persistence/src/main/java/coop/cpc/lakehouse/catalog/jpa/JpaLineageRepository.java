package coop.cpc.lakehouse.catalog.jpa;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import coop.cpc.lakehouse.catalog.lineage.LineageEdge;
import coop.cpc.lakehouse.catalog.lineage.LineageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** {@link LineageRepository} on JPA; joins the caller's JTA transaction. */
@ApplicationScoped
public class JpaLineageRepository implements LineageRepository {

    @PersistenceContext(unitName = "lakehouse")
    private EntityManager em;

    /** For CDI. */
    public JpaLineageRepository() {
    }

    /** For use outside a container (tests, tools) with an EntityManager the caller manages. */
    public JpaLineageRepository(EntityManager em) {
        this.em = Objects.requireNonNull(em, "em");
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
    public List<LineageEdge> findBySourceUri(String sourceUri) {
        return where("e.sourceUri = :value", sourceUri);
    }

    @Override
    public List<LineageEdge> findByJob(UUID jobId) {
        return where("e.jobId = :value", jobId);
    }

    private List<LineageEdge> where(String condition, Object value) {
        return em.createQuery("select e from LineageEdge e where " + condition + " order by e.createdAt, e.id",
                        LineageEdge.class)
                .setParameter("value", value)
                .getResultList();
    }

    @Override
    public void add(LineageEdge edge) {
        em.persist(edge);
    }
}
