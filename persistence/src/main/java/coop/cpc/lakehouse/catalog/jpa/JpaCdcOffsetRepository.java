package coop.cpc.lakehouse.catalog.jpa;

import coop.cpc.lakehouse.catalog.cdc.CdcOffset;
import coop.cpc.lakehouse.catalog.cdc.CdcOffsetRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link CdcOffsetRepository} on JPA; joins the caller's JTA transaction. */
@ApplicationScoped
public class JpaCdcOffsetRepository implements CdcOffsetRepository {

    @PersistenceContext(unitName = "lakehouse")
    private EntityManager em;

    /** For CDI. */
    public JpaCdcOffsetRepository() {}

    /** For use outside a container (tests, tools) with an EntityManager the caller manages. */
    public JpaCdcOffsetRepository(EntityManager em) {
        this.em = Objects.requireNonNull(em, "em");
    }

    @Override
    public Optional<CdcOffset> find(String connectorName) {
        return Optional.ofNullable(em.find(CdcOffset.class, connectorName));
    }

    @Override
    public List<CdcOffset> findAll() {
        return em.createQuery("select o from CdcOffset o order by o.connectorName", CdcOffset.class)
                .getResultList();
    }

    @Override
    public void add(CdcOffset offset) {
        em.persist(offset);
    }

    @Override
    public void remove(CdcOffset offset) {
        em.remove(em.contains(offset) ? offset : em.merge(offset));
    }
}
