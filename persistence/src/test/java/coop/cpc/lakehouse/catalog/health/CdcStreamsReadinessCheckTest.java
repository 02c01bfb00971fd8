package coop.cpc.lakehouse.catalog.health;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.EmbeddedCatalog;
import coop.cpc.lakehouse.catalog.migration.CatalogMigrations;
import java.sql.Connection;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class CdcStreamsReadinessCheckTest {
    @AutoClose
    private static final EmbeddedCatalog CATALOG = EmbeddedCatalog.start();

    @Test
    void listsTheStreamsThatShouldRunAndHaveFailedButNotStoppedOrHealthyOnes() throws Exception {
        DataSource database = CATALOG.newDatabase();
        CatalogMigrations.migrate(database);
        insertStream(database, "orders", "RUNNING", "table public.orders: column \"Bad-Name\" ...");
        insertStream(database, "invoices", "RUNNING", null);
        insertStream(database, "archive", "STOPPED", "the engine stopped by itself");
        insertStream(database, "accounts", "RUNNING", "cannot connect");

        assertThat(CdcStreamsReadinessCheck.failedStreams(database)).containsExactly("accounts", "orders");
    }

    @Test
    void saysNoneOrHowManyAndTheirFirstNames() {
        assertThat(CdcStreamsReadinessCheck.describe(List.of())).isEqualTo("none");
        assertThat(CdcStreamsReadinessCheck.describe(List.of("accounts", "orders")))
                .isEqualTo("2: accounts, orders");
        List<String> many = IntStream.rangeClosed(1, 25).mapToObj(i -> "s" + i).toList();
        assertThat(CdcStreamsReadinessCheck.describe(many))
                .startsWith("25: s1, s2, ")
                .endsWith(", s20, ...")
                .doesNotContain("s21");
    }

    private static void insertStream(DataSource database, String name, String desiredState, String lastError)
            throws Exception {
        try (Connection c = database.getConnection();
                var insert = c.prepareStatement("INSERT INTO " + CatalogMigrations.SCHEMA + ".cdc_streams (name,"
                        + " source_url, source_user, target_namespace, slot_name, publication_name, desired_state,"
                        + " last_error) VALUES (?, 'postgresql://localhost/src', 'cdc', 'cdc', ?, ?, ?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, "slot_" + name);
            insert.setString(3, "pub_" + name);
            insert.setString(4, desiredState);
            insert.setString(5, lastError);
            insert.executeUpdate();
        }
    }
}
