package coop.cpc.lakehouse.catalog.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JPQL select whose conditions are added only for the filters a caller gives (a page query). The
 * text is built from fixed fragments only; every value is a bound parameter.
 */
final class FilteredSelect {
    private final StringBuilder jpql;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** @param select the select and from clauses, e.g. {@code select r from IngestionRun r} */
    FilteredSelect(String select) {
        this.jpql = new StringBuilder(select).append(" where 1 = 1");
    }

    /** Adds {@code and <fragment>}, which binds {@code :name}, when the value is given (not null). */
    FilteredSelect and(String fragment, String name, Object valueOrNull) {
        return valueOrNull == null ? this : and(fragment, Map.of(name, valueOrNull));
    }

    /** Adds {@code and <fragment>}, which binds each of the values by its name. */
    FilteredSelect and(String fragment, Map<String, ?> values) {
        jpql.append(" and ").append(fragment);
        parameters.putAll(values);
        return this;
    }

    /** At most {@code limit} results in the given order. */
    <T> List<T> list(EntityManager em, Class<T> type, String orderBy, int limit) {
        TypedQuery<T> query = em.createQuery(jpql + " order by " + orderBy, type);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList();
    }
}
