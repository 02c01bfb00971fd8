package coop.cpc.lakehouse.catalog;

import coop.cpc.lakehouse.catalog.migration.CatalogMigrations;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The real "lakehouse" persistence unit (META-INF/persistence.xml) bootstrapped in Java SE on a
 * migrated database: JTA and the server's datasource are replaced by resource-local transactions
 * on the given DataSource, and Hibernate validates the entities against Flyway's schema, so any
 * drift between the two fails the build.
 */
public final class CatalogPersistence implements AutoCloseable {

    private final EntityManagerFactory factory;

    private CatalogPersistence(EntityManagerFactory factory) {
        this.factory = factory;
    }

    /** Migrates the database, then opens the persistence unit on it. */
    public static CatalogPersistence open(DataSource database) {
        CatalogMigrations.migrate(database);
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        properties.put("jakarta.persistence.nonJtaDataSource", database);
        // The JPA setting wins over hibernate.hbm2ddl.auto, so both are overridden; Hibernate
        // accepts "validate" as an action.
        properties.put("jakarta.persistence.schema-generation.database.action", "validate");
        properties.put("hibernate.hbm2ddl.auto", "validate");
        return new CatalogPersistence(Persistence.createEntityManagerFactory("lakehouse", properties));
    }

    /** Runs the work in one transaction on a fresh EntityManager and returns its result. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction transaction = em.getTransaction();
        try {
            transaction.begin();
            T result = work.apply(em);
            transaction.commit();
            return result;
        } finally {
            if (transaction.isActive()) {
                transaction.rollback();
            }
            em.close();
        }
    }

    /** {@link #inTransaction} for a finder returning Optional (keeps AssertJ's overloads apart). */
    public <T> Optional<T> optional(Function<EntityManager, Optional<T>> work) {
        return inTransaction(work);
    }

    /** {@link #inTransaction} for a finder returning a List (keeps AssertJ's overloads apart). */
    public <T> List<T> list(Function<EntityManager, List<T>> work) {
        return inTransaction(work);
    }

    public void run(Consumer<EntityManager> work) {
        inTransaction(em -> {
            work.accept(em);
            return null;
        });
    }

    /** Empties every catalog table, so each test starts from a blank catalog. */
    public void truncateAll() {
        run(em -> em.createNativeQuery("TRUNCATE lakehouse.data_assets, lakehouse.asset_snapshots,"
                        + " lakehouse.ingestion_jobs, lakehouse.webm_columnar, lakehouse.data_lineage,"
                        + " lakehouse.audit_logs, lakehouse.audit_anchor, lakehouse.cdc_offsets, lakehouse.ingestion_runs, lakehouse.staged_segments, lakehouse.read_whole_assets,"
                        + " lakehouse.cdc_streams, lakehouse.cdc_stream_tables, lakehouse.deleted_snapshot_history")
                .executeUpdate());
    }

    @Override
    public void close() {
        factory.close();
    }
}
