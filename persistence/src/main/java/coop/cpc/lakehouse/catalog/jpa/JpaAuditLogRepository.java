package coop.cpc.lakehouse.catalog.jpa;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** {@link AuditLogRepository} on JPA; joins the caller's JTA transaction. */
@ApplicationScoped
public class JpaAuditLogRepository implements AuditLogRepository {

    @PersistenceContext(unitName = "lakehouse")
    private EntityManager em;

    /** For CDI. */
    public JpaAuditLogRepository() {
    }

    /** For use outside a container (tests, tools) with an EntityManager the caller manages. */
    public JpaAuditLogRepository(EntityManager em) {
        this.em = Objects.requireNonNull(em, "em");
    }

    @Override
    public Optional<AuditLogEntry> find(UUID id) {
        return Optional.ofNullable(em.find(AuditLogEntry.class, id));
    }

    @Override
    public Optional<AuditLogEntry> findChainHead() {
        return em.createQuery("select e from AuditLogEntry e where not exists"
                        + " (select 1 from AuditLogEntry n where n.prevHash = e.hash)"
                        + " order by e.occurredAt desc, e.id", AuditLogEntry.class)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<AuditLogEntry> findSuccessor(String hash) {
        return em.createQuery("select e from AuditLogEntry e where e.prevHash = :hash", AuditLogEntry.class)
                .setParameter("hash", hash)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<AuditLogEntry> findBetween(Instant from, Instant to, int limit) {
        return em.createQuery("select e from AuditLogEntry e where e.occurredAt >= :from and e.occurredAt < :to"
                        + " order by e.occurredAt, e.id", AuditLogEntry.class)
                .setParameter("from", CatalogTime.ceil(from))
                .setParameter("to", CatalogTime.ceil(to))
                .setMaxResults(Limits.requirePositive(limit))
                .getResultList();
    }

    @Override
    public List<AuditLogEntry> findByResource(String resourceType, String resourceId, int limit) {
        return em.createQuery("select e from AuditLogEntry e where e.resourceType = :type and e.resourceId = :id"
                        + " order by e.occurredAt, e.id", AuditLogEntry.class)
                .setParameter("type", resourceType)
                .setParameter("id", resourceId)
                .setMaxResults(Limits.requirePositive(limit))
                .getResultList();
    }

    @Override
    public void add(AuditLogEntry entry) {
        em.persist(entry);
    }

    @Override
    public int deleteOccurredBefore(Instant instant) {
        return em.createQuery("delete from AuditLogEntry e where e.occurredAt < :instant")
                .setParameter("instant", CatalogTime.ceil(instant))
                .executeUpdate();
    }
}
