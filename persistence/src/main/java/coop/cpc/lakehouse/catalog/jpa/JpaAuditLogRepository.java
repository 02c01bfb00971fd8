package coop.cpc.lakehouse.catalog.jpa;

import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.audit.AuditAnchor;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogFilter;
import coop.cpc.lakehouse.catalog.audit.AuditLogRepository;
import coop.cpc.lakehouse.catalog.audit.AuditPurgeBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link AuditLogRepository} on JPA; joins the caller's JTA transaction. */
@ApplicationScoped
public class JpaAuditLogRepository extends JpaRepository implements AuditLogRepository {

    /** For CDI. */
    public JpaAuditLogRepository() {}

    /** For use outside a container (tests, tools) with an EntityManager the caller manages. */
    public JpaAuditLogRepository(EntityManager em) {
        super(em);
    }

    @Override
    public Optional<AuditLogEntry> find(UUID id) {
        return Optional.ofNullable(em.find(AuditLogEntry.class, id));
    }

    @Override
    public Optional<AuditLogEntry> findChainHead() {
        return first(em.createQuery(
                "select e from AuditLogEntry e where not exists"
                        + " (select 1 from AuditLogEntry n where n.prevHash = e.hash)"
                        + " order by e.occurredAt desc, e.id",
                AuditLogEntry.class));
    }

    @Override
    public Optional<AuditLogEntry> findSuccessor(String hash) {
        return first(em.createQuery("select e from AuditLogEntry e where e.prevHash = :hash", AuditLogEntry.class)
                .setParameter("hash", hash));
    }

    @Override
    public List<AuditLogEntry> findBetween(Instant from, Instant to, int limit) {
        return em.createQuery(
                        "select e from AuditLogEntry e where e.occurredAt >= :from and e.occurredAt < :to"
                                + " order by e.occurredAt, e.id",
                        AuditLogEntry.class)
                .setParameter("from", CatalogTime.ceil(from))
                .setParameter("to", CatalogTime.ceil(to))
                .setMaxResults(Limits.requirePositive(limit))
                .getResultList();
    }

    @Override
    public List<AuditLogEntry> search(AuditLogFilter filter, TimeOrderCursor afterOrNull, int limit) {
        Limits.requirePositive(limit);
        FilteredSelect select = new FilteredSelect("select e from AuditLogEntry e")
                .and("e.occurredAt >= :from", "from", CatalogTime.ceil(filter.from()))
                .and("e.occurredAt < :to", "to", CatalogTime.ceil(filter.to()))
                .and("e.action = :action", "action", filter.action())
                .and("e.outcome = :outcome", "outcome", filter.outcome())
                .and("e.resourceId = :resourceId", "resourceId", filter.resourceId())
                .and("e.actorPseudonym = :pseudonym", "pseudonym", filter.pseudonym());
        if (afterOrNull != null) {
            select.and(
                    "(e.occurredAt, e.id) > (:afterAt, :afterId)",
                    Map.of("afterAt", afterOrNull.at(), "afterId", afterOrNull.id()));
        }
        return select.list(em, AuditLogEntry.class, "e.occurredAt, e.id", limit);
    }

    @Override
    public void add(AuditLogEntry entry) {
        em.persist(entry);
    }

    @Override
    public Optional<Instant> databaseNow() {
        // Microseconds since the epoch as a number: no driver mapping of timestamptz to pick.
        Number micros =
                (Number) em.createNativeQuery("SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint")
                        .getSingleResult();
        long value = micros.longValue();
        return Optional.of(Instant.EPOCH
                .plusSeconds(Math.floorDiv(value, 1_000_000L))
                .plusNanos(Math.floorMod(value, 1_000_000L) * 1000L));
    }

    @Override
    public Optional<AuditAnchor> findLatestAnchor() {
        return first(em.createQuery("select a from AuditAnchor a order by a.id desc", AuditAnchor.class));
    }

    @Override
    public Optional<AuditAnchor> findAnchorAfter(Long anchorIdOrNull, String lastEntryHash) {
        return first(em.createQuery(
                        "select a from AuditAnchor a where a.lastEntryHash = :hash and a.id > :after order by a.id",
                        AuditAnchor.class)
                .setParameter("hash", lastEntryHash)
                .setParameter("after", anchorIdOrNull == null ? Long.MIN_VALUE : anchorIdOrNull));
    }

    @Override
    public Optional<AuditPurgeBatch> purgeOccurredBefore(Instant instant, int limit) {
        Instant before = CatalogTime.ceil(instant);
        // The newest entry of the batch: the limit-th oldest, or the newest older entry if fewer are left.
        Optional<AuditLogEntry> last = first(em.createQuery(
                                "select e from AuditLogEntry e where e.occurredAt < :before"
                                        + " order by e.occurredAt, e.id",
                                AuditLogEntry.class)
                        .setParameter("before", before)
                        .setFirstResult(Limits.requirePositive(limit) - 1))
                .or(() -> first(em.createQuery(
                                "select e from AuditLogEntry e where e.occurredAt < :before"
                                        + " order by e.occurredAt desc, e.id desc",
                                AuditLogEntry.class)
                        .setParameter("before", before)));
        if (last.isEmpty()) {
            return Optional.empty();
        }
        int removed = em.createQuery("delete from AuditLogEntry e where e.occurredAt < :before"
                        + " and (e.occurredAt, e.id) <= (:lastAt, :lastId)")
                .setParameter("before", before)
                .setParameter("lastAt", last.get().getOccurredAt())
                .setParameter("lastId", last.get().getId())
                .executeUpdate();
        AuditAnchor anchor = new AuditAnchor(before, removed, last.get());
        em.persist(anchor);
        em.flush();
        return Optional.of(new AuditPurgeBatch(removed, anchor.getId(), anchor.getLastEntryHash()));
    }
}
