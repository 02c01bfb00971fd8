package coop.cpc.lakehouse.application.observability;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Counts for the MBeans. Not audited: they are sizes, not data, and JMX consoles poll them every few
 * seconds (the operations that act or verify go through the audited services).
 */
@Stateless
public class CatalogStatistics {

    @PersistenceContext(unitName = "lakehouse")
    EntityManager em;

    public long assets() {
        return em.createQuery("select count(a) from DataAsset a", Long.class).getSingleResult();
    }

    public long liveSegments() {
        return em.createQuery("select count(s) from WebmSegment s where s.removedSnapshotId is null", Long.class)
                .getSingleResult();
    }

    public long liveSegmentBytes() {
        return em.createQuery(
                        "select coalesce(sum(s.byteSize), 0) from WebmSegment s where s.removedSnapshotId is null",
                        Long.class)
                .getSingleResult();
    }

    public long auditEntries() {
        return em.createQuery("select count(e) from AuditLogEntry e", Long.class)
                .getSingleResult();
    }
}
