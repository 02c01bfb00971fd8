package coop.cpc.lakehouse.catalog.migration;

import java.util.List;

/**
 * What one call of {@link CatalogMigrations#migrate} did.
 *
 * @param schema          the schema that holds the catalog and Flyway's history table
 * @param appliedVersions versions applied by this call, oldest first (empty when up to date)
 * @param currentVersion  the schema version after the call, or null when none is applied
 */
public record MigrationResult(String schema, List<String> appliedVersions, String currentVersion) {

    public MigrationResult {
        appliedVersions = List.copyOf(appliedVersions);
    }

    public int migrationsExecuted() {
        return appliedVersions.size();
    }
}
