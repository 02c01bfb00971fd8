package coop.cpc.lakehouse.catalog.jpa;

import coop.cpc.lakehouse.catalog.HistorySize;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The EntityManager a JPA repository works on: in the container the lakehouse persistence unit's,
 * joining the caller's JTA transaction; outside it (tests, tools) one the caller manages.
 */
public abstract class JpaRepository {

    @PersistenceContext(unitName = "lakehouse")
    protected EntityManager em;

    /** For CDI. */
    protected JpaRepository() {}

    /** For use outside a container (tests, tools) with an EntityManager the caller manages. */
    protected JpaRepository(EntityManager em) {
        this.em = Objects.requireNonNull(em, "em");
    }

    /** What a JPQL query with one named parameter finds, in the query's order. */
    protected <T> List<T> list(Class<T> type, String jpql, String parameter, Object value) {
        return em.createQuery(jpql, type).setParameter(parameter, value).getResultList();
    }

    /** Which of {@code values} a JPQL query with the collection parameter {@code :values} finds; none asked, none found. */
    protected <T> Set<T> among(Class<T> type, String jpql, Collection<T> values) {
        if (values.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(
                em.createQuery(jpql, type).setParameter("values", values).getResultList());
    }

    /**
     * What a native query of {@code count(*)} and a sum of characters over the newest {@code :newest} rows of each of
     * the assets {@code :assets} finds; no assets asked, nothing counted.
     */
    protected HistorySize historySize(String sql, Collection<UUID> assetIds, int newest) {
        if (assetIds.isEmpty()) {
            return new HistorySize(0, 0);
        }
        Object[] size = (Object[]) em.createNativeQuery(sql)
                .setParameter("assets", assetIds)
                .setParameter("newest", Limits.requirePositive(newest))
                .getSingleResult();
        return new HistorySize(((Number) size[0]).longValue(), ((Number) size[1]).longValue());
    }

    /** The first result of a query in its order, or empty; the database returns one row at most. */
    protected static <T> Optional<T> first(TypedQuery<T> query) {
        return query.setMaxResults(1).getResultStream().findFirst();
    }
}
