package coop.cpc.lakehouse.catalog.jpa;

import coop.cpc.lakehouse.catalog.run.IngestionRun;
import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.run.ReadWholeAsset;
import coop.cpc.lakehouse.catalog.run.StagedSegmentFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** {@link IngestionRunRepository} on JPA; joins the caller's JTA transaction. */
@ApplicationScoped
public class JpaIngestionRunRepository extends JpaRepository implements IngestionRunRepository {

    /** For CDI. */
    public JpaIngestionRunRepository() {}

    /** For use outside a container (tests, tools) with an EntityManager the caller manages. */
    public JpaIngestionRunRepository(EntityManager em) {
        super(em);
    }

    @Override
    public void add(IngestionRun run) {
        em.persist(run);
    }

    @Override
    public Optional<IngestionRun> find(long executionId) {
        return Optional.ofNullable(em.find(IngestionRun.class, executionId));
    }

    @Override
    public List<IngestionRun> findByJob(UUID jobId, int limit) {
        return em.createQuery(
                        "select r from IngestionRun r where r.jobId = :job "
                                + "order by r.startedAt desc, r.executionId desc",
                        IngestionRun.class)
                .setParameter("job", jobId)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public List<IngestionRun> search(UUID jobId, Instant from, Instant to, Long executionId, Long before, int limit) {
        return new FilteredSelect("select r from IngestionRun r")
                .and("r.jobId = :job", "job", jobId)
                .and("r.startedAt >= :from", "from", from)
                .and("r.startedAt < :to", "to", to)
                .and("r.executionId = :execution", "execution", executionId)
                .and("r.executionId < :before", "before", before)
                .list(em, IngestionRun.class, "r.executionId desc", limit);
    }

    @Override
    public List<IngestionRun> findByInstance(long jobInstanceId) {
        return list(
                IngestionRun.class,
                "select r from IngestionRun r where r.jobInstanceId = :instance "
                        + "order by r.startedAt, r.executionId",
                "instance",
                jobInstanceId);
    }

    @Override
    public boolean committed(long jobInstanceId) {
        return em.createQuery(
                                "select count(r) from IngestionRun r where r.jobInstanceId = :instance "
                                        + "and (r.committedAt is not null or exists (select s from AssetSnapshot s "
                                        + "where s.sourceExecutionId = r.executionId))",
                                Long.class)
                        .setParameter("instance", jobInstanceId)
                        .getSingleResult()
                > 0;
    }

    @Override
    public Optional<IngestionRun> latest(UUID jobId) {
        return findByJob(jobId, 1).stream().findFirst();
    }

    @Override
    public void stage(StagedSegmentFile file) {
        em.persist(file);
    }

    @Override
    public List<StagedSegmentFile> staged(long jobInstanceId) {
        return list(
                StagedSegmentFile.class,
                "select s from StagedSegmentFile s where s.jobInstanceId = :instance " + "order by s.stagedAt, s.path",
                "instance",
                jobInstanceId);
    }

    @Override
    public List<StagedSegmentFile> stagedForAsset(UUID assetId) {
        return list(
                StagedSegmentFile.class,
                "select s from StagedSegmentFile s where s.assetId = :asset",
                "asset",
                assetId);
    }

    @Override
    public List<StagedSegmentFile> stagedOfOtherInstances(UUID jobId, long keepInstance) {
        return em.createQuery(
                        "select s from StagedSegmentFile s where s.jobId = :job and s.jobInstanceId <> :keep",
                        StagedSegmentFile.class)
                .setParameter("job", jobId)
                .setParameter("keep", keepInstance)
                .getResultList();
    }

    @Override
    public void flush() {
        em.flush();
    }

    @Override
    public Set<String> stagedAmong(Collection<String> paths) {
        return among(String.class, "select s.path from StagedSegmentFile s where s.path in :values", paths);
    }

    @Override
    public Set<Long> executionsAmong(Collection<Long> executionIds) {
        return among(
                Long.class, "select r.executionId from IngestionRun r where r.executionId in :values", executionIds);
    }

    @Override
    public void unstage(List<StagedSegmentFile> files) {
        for (StagedSegmentFile file : files) {
            em.remove(em.contains(file) ? file : em.merge(file));
        }
    }

    @Override
    public void readWhole(long jobInstanceId, UUID jobId, long executionId, Collection<UUID> assets) {
        List<UUID> recorded = readWhole(jobInstanceId);
        for (UUID asset : new LinkedHashSet<>(assets)) {
            if (!recorded.contains(asset)) {
                em.persist(new ReadWholeAsset(jobInstanceId, asset, jobId, executionId));
            }
        }
    }

    @Override
    public List<UUID> readWhole(long jobInstanceId) {
        return em.createQuery(
                        "select r.assetId from ReadWholeAsset r where r.jobInstanceId = :instance order by r.readAt",
                        UUID.class)
                .setParameter("instance", jobInstanceId)
                .getResultList();
    }

    @Override
    public void forgetReadWhole(long jobInstanceId) {
        em.createQuery("delete from ReadWholeAsset r where r.jobInstanceId = :instance")
                .setParameter("instance", jobInstanceId)
                .executeUpdate();
    }

    @Override
    public Optional<String> jobRepositoryOwner() {
        List<?> owner = em.createNativeQuery("SELECT server_kind FROM lakehouse.job_repository_owner")
                .getResultList();
        return owner.stream().findFirst().map(Object::toString);
    }

    @Override
    public String claimJobRepository(String serverKind) {
        em.createNativeQuery("INSERT INTO lakehouse.job_repository_owner (server_kind) VALUES (:kind)"
                        + " ON CONFLICT (singleton) DO NOTHING")
                .setParameter("kind", serverKind)
                .executeUpdate();
        return jobRepositoryOwner().orElseThrow();
    }
}
