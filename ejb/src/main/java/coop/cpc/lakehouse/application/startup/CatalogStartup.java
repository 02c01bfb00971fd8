package coop.cpc.lakehouse.application.startup;

import coop.cpc.lakehouse.application.storage.OwnerOnlyFiles;
import coop.cpc.lakehouse.application.table.OrphanSegmentCleanup;
import coop.cpc.lakehouse.catalog.datasource.CatalogDataSource;
import coop.cpc.lakehouse.catalog.health.CatalogNotAnsweringException;
import coop.cpc.lakehouse.catalog.health.CatalogSchemaProbe;
import coop.cpc.lakehouse.catalog.migration.CatalogMigrations;
import coop.cpc.lakehouse.catalog.migration.MigrationResult;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Brings the catalog up to date when the application is deployed: validates the configuration
 * (an invalid value stops the deployment with a message naming the key), migrates the schema
 * with Flyway, makes sure the segment storage folder exists, and claims it for this catalog when the rules allow
 * ({@link coop.cpc.lakehouse.application.table.StorageClaim}).
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CatalogStartup {
    private static final Logger LOG = Logger.getLogger(CatalogStartup.class.getName());

    /** The catalog database, by its configured JNDI name ({@link CatalogDataSource}). */
    private DataSource dataSource;

    @Inject
    LakehouseSettings settings;

    /** Claims the storage folder, or says in the log why it is not this catalog's. */
    @Inject
    OrphanSegmentCleanup orphans;

    /**
     * How long the deployment waits for the catalog database to answer before it fails: a hung database would
     * otherwise hold the deployment (and on Open Liberty the server's start) for ever, with no word of what it waits
     * for.
     */
    static final Duration CATALOG_ANSWER_WITHIN = Duration.ofSeconds(60);

    @PostConstruct
    void start() {
        dataSource = CatalogDataSource.lookup();
        LOG.info(() -> "Lakehouse configuration:\n" + settings.describe());
        awaitCatalogAnswer(dataSource, CatalogDataSource.jndiName(), CATALOG_ANSWER_WITHIN);
        MigrationResult migration = CatalogMigrations.migrate(dataSource);
        LOG.info(() -> "Catalog schema " + migration.schema() + " at version " + migration.currentVersion() + " ("
                + migration.migrationsExecuted() + " migration(s) applied now)");
        try {
            OwnerOnlyFiles.createDirectories(settings.webmStoragePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create webm_storage_path " + settings.webmStoragePath(), e);
        }
        try {
            if (orphans.checkStorageAtDeployment().isEmpty()) {
                LOG.info(() -> "webm_storage_path " + settings.webmStoragePath() + " has no marker and holds segment"
                        + " files: the orphan cleanup job checks whether the catalog knows them all, and claims it"
                        + " then");
            }
        } catch (IOException e) {
            // The deployment goes on (reads need no claim); the orphan cleanup checks again before it deletes anything.
            LOG.warning(() -> "Cannot check whose segment folder webm_storage_path " + settings.webmStoragePath()
                    + " is: " + e.getMessage());
        }
    }

    /**
     * Fails when the catalog database does not answer within {@code bound}. Any answer will do, an error too
     * (a new catalog has no migration history yet; the migration reports real errors).
     *
     * @throws IllegalStateException naming the data source and what was waited for
     */
    static void awaitCatalogAnswer(DataSource dataSource, String jndiName, Duration bound) {
        try {
            new CatalogSchemaProbe(bound).schemaVersion(dataSource);
        } catch (CatalogNotAnsweringException e) {
            throw new IllegalStateException("The " + e.getMessage() + " at deployment (a connection from "
                    + jndiName + ", lakehouse.db.url, and a query of its schema version): is its"
                    + " server up and not hung? The deployment stops here");
        } catch (SQLException | RuntimeException answered) {
            // It answered; the migration goes on and reports any real error.
        }
    }
}
