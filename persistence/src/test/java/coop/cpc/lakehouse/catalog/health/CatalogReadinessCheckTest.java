package coop.cpc.lakehouse.catalog.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import coop.cpc.lakehouse.catalog.EmbeddedCatalog;
import coop.cpc.lakehouse.catalog.migration.CatalogMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogReadinessCheckTest {
    private static EmbeddedCatalog catalog;

    @BeforeAll
    static void start() {
        catalog = EmbeddedCatalog.start();
    }

    @AfterAll
    static void stop() throws Exception {
        catalog.close();
    }

    @Test
    void aMigratedCatalogAnswersItsSchemaVersion() throws Exception {
        DataSource database = catalog.newDatabase();
        CatalogMigrations.migrate(database);

        assertThat(CatalogReadinessCheck.schemaVersion(database)).isPresent();
    }

    @Test
    void aCatalogThatDoesNotAnswerFailsTheProbeWithinItsQueryTimeoutInsteadOfHangingIt() throws Exception {
        DataSource database = catalog.newDatabase();
        CatalogMigrations.migrate(database);
        try (Connection holder = database.getConnection();
                Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            // A hung catalog, as the probe sees it: its query waits for a lock nobody releases.
            lock.execute("LOCK TABLE " + CatalogMigrations.SCHEMA + ".flyway_schema_history IN ACCESS EXCLUSIVE MODE");

            assertTimeoutPreemptively(
                    Duration.ofSeconds(CatalogReadinessCheck.QUERY_TIMEOUT_SECONDS * 4L),
                    () -> assertThatThrownBy(() -> CatalogReadinessCheck.schemaVersion(database))
                            .isInstanceOf(SQLException.class));
            holder.rollback();
        }
    }
}
