package coop.cpc.lakehouse.catalog.storage;

import coop.cpc.lakehouse.catalog.migration.CatalogMigrations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

/** The catalog's id (V15__catalog_identity.sql), which its segment folder's marker names. */
public final class CatalogIdentity {
    private static final String ID = "SELECT catalog_id FROM " + CatalogMigrations.SCHEMA + ".catalog_identity";

    private CatalogIdentity() {}

    /** @throws SQLException also when the catalog is not migrated to V15 yet */
    public static UUID of(DataSource catalog, int queryTimeoutSeconds) throws SQLException {
        try (Connection connection = catalog.getConnection();
                Statement sql = connection.createStatement()) {
            sql.setQueryTimeout(queryTimeoutSeconds);
            try (ResultSet rows = sql.executeQuery(ID)) {
                if (!rows.next()) {
                    throw new SQLException("The catalog has no identity row (catalog_identity is empty)");
                }
                return rows.getObject(1, UUID.class);
            }
        }
    }
}
