package coop.cpc.lakehouse.catalog.jpa;

import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.IngestionJobRepository;
import coop.cpc.lakehouse.catalog.job.JobStatus;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import coop.cpc.lakehouse.catalog.job.SourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link IngestionJobRepository} on JPA; joins the caller's JTA transaction. */
@ApplicationScoped
public class JpaIngestionJobRepository extends JpaRepository implements IngestionJobRepository {

    /** For CDI. */
    public JpaIngestionJobRepository() {}

    /** For use outside a container (tests, tools) with an EntityManager the caller manages. */
    public JpaIngestionJobRepository(EntityManager em) {
        super(em);
    }

    @Override
    public Optional<IngestionJob> find(UUID id) {
        return Optional.ofNullable(em.find(IngestionJob.class, id));
    }

    @Override
    public Optional<IngestionJob> findForUpdate(UUID id) {
        return Optional.ofNullable(em.find(IngestionJob.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public List<IngestionJob> page(JobStatus statusOrNull, TimeOrderCursor afterOrNull, int limit) {
        Limits.requirePositive(limit);
        FilteredSelect select =
                new FilteredSelect("select j from IngestionJob j").and("j.status = :status", "status", statusOrNull);
        if (afterOrNull != null) {
            select.and(
                    "(j.createdAt, j.id) > (:afterCreatedAt, :afterId)",
                    Map.of("afterCreatedAt", afterOrNull.at(), "afterId", afterOrNull.id()));
        }
        return select.list(em, IngestionJob.class, "j.createdAt, j.id", limit);
    }

    @Override
    public List<IngestionJob> findByTargetAsset(UUID assetId) {
        return list(
                IngestionJob.class,
                "select j from IngestionJob j where j.targetAssetId = :asset order by j.createdAt, j.id",
                "asset",
                assetId);
    }

    @Override
    public List<IngestionJob> findBySchedule(ScheduleKind schedule) {
        return list(
                IngestionJob.class,
                "select j from IngestionJob j where j.schedule = :schedule order by j.createdAt, j.id",
                "schedule",
                schedule);
    }

    @Override
    public List<IngestionJob> findBySourceType(SourceType sourceType) {
        return list(
                IngestionJob.class,
                "select j from IngestionJob j where j.sourceType = :type order by j.createdAt, j.id",
                "type",
                sourceType);
    }

    @Override
    public void recordNextRun(UUID id, Instant nextRunAt) {
        // A bulk update: it leaves the version as it is, where a change to the managed entity would move it on.
        em.createQuery("update IngestionJob j set j.nextRunAt = :at where j.id = :id")
                .setParameter("at", CatalogTime.truncate(nextRunAt))
                .setParameter("id", id)
                .executeUpdate();
    }

    @Override
    public void add(IngestionJob job) {
        em.persist(job);
    }

    @Override
    public void remove(IngestionJob job) {
        em.remove(em.contains(job) ? job : em.merge(job));
    }
}
