package coop.cpc.lakehouse.catalog.migration;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the catalog's Flyway migrations ({@code db/migration/V*.sql}) and undoes them with the
 * matching rollback scripts ({@code db/rollback/U*.sql}), since Flyway Community has no undo.
 * Plain Java so that a {@code @Startup} singleton, the launcher and tests can all call it.
 */
public final class CatalogMigrations {

    /** Schema of the catalog and of Flyway's history table; JBeret's tables live elsewhere. */
    public static final String SCHEMA = "lakehouse";

    static final String HISTORY_TABLE = "flyway_schema_history";
    static final String MIGRATION_LOCATION = "db/migration";
    static final String ROLLBACK_LOCATION = "db/rollback";

    private static final System.Logger LOG = System.getLogger(CatalogMigrations.class.getName());
    private static final Pattern VERSIONED_SCRIPT = Pattern.compile("V([0-9._]+)__[A-Za-z0-9_]+\\.sql");

    private CatalogMigrations() {}

    /**
     * Brings the catalog schema to the latest version, creating the schema when missing.
     *
     * @throws NewerCatalogException when a newer build has applied migrations this build does not know (nothing is
     *                               changed then)
     */
    public static MigrationResult migrate(DataSource dataSource) {
        Flyway flyway = flyway(dataSource);
        refuseNewerCatalog(flyway.info());
        MigrateResult result = flyway.migrate();
        List<String> applied = new ArrayList<>();
        for (MigrateOutput output : result.migrations) {
            applied.add(output.version);
        }
        MigrationInfo latest = flyway.info().current();
        String current = latest == null || latest.getVersion() == null
                ? null
                : latest.getVersion().getVersion();
        LOG.log(Level.INFO, "Catalog schema {0}: applied {1}, now at version {2}", SCHEMA, applied, current);
        return new MigrationResult(SCHEMA, applied, current);
    }

    /**
     * Undoes every applied migration, newest first: runs its {@code U<version>__*.sql} script and
     * deletes its row from Flyway's history, in one transaction per version. Rows of failed
     * migrations are removed too (PostgreSQL DDL is transactional, so they left nothing behind).
     *
     * @throws RollbackFailedException when a script is missing (checked before anything runs)
     *                                 or fails (that version is left applied)
     */
    public static void rollback(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!historyTableExists(connection)) {
                LOG.log(Level.INFO, "Catalog schema {0} has no migration history: nothing to roll back", SCHEMA);
                return;
            }
            List<AppliedMigration> applied = appliedNewestFirst(connection);
            List<String> scripts = new ArrayList<>();
            for (AppliedMigration migration : applied) {
                scripts.add(readRollbackScript(migration));
            }
            for (int i = 0; i < applied.size(); i++) {
                undo(connection, applied.get(i), scripts.get(i));
            }
        } catch (SQLException e) {
            throw new RollbackFailedException("Rollback of the catalog schema failed: " + e.getMessage(), e);
        }
    }

    /**
     * Flyway itself only skips migrations it does not know ({@code ignoreMigrationPatterns=*:future}): an older build
     * would start on the newer schema and then fail its writes (a newer unique index meets an older insert).
     */
    private static void refuseNewerCatalog(MigrationInfoService info) {
        List<MigrationVersion> future = Arrays.stream(info.applied())
                .filter(m -> m.getVersion() != null)
                .filter(m ->
                        m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                .map(MigrationInfo::getVersion)
                .toList();
        if (future.isEmpty()) {
            return;
        }
        MigrationVersion newest = Collections.max(future);
        String known = Arrays.stream(info.all())
                .filter(m -> m.getVersion() != null && m.getState().isResolved())
                .map(MigrationInfo::getVersion)
                .max(Comparator.naturalOrder())
                .map(MigrationVersion::getVersion)
                .orElse("none");
        throw new NewerCatalogException("Catalog schema " + SCHEMA + " is at version " + newest.getVersion()
                + ", newer than this build, whose latest migration is " + known
                + ": a newer build upgraded it, and an upgrade is one way. Deploy that build (or a later one), or"
                + " restore the catalog and storage folder backups taken before the upgrade (docs/operations.md)");
    }

    private static Flyway flyway(DataSource dataSource) {
        // Inside WildFly the thread context class loader is not the one that sees EAR/lib, so
        // Flyway must scan classpath:db/migration with this jar's loader.
        return Flyway.configure(CatalogMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .locations("classpath:" + MIGRATION_LOCATION)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .load();
    }

    private static boolean historyTableExists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            query.setString(1, SCHEMA);
            query.setString(2, HISTORY_TABLE);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static List<AppliedMigration> appliedNewestFirst(Connection connection) throws SQLException {
        List<AppliedMigration> applied = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT installed_rank, version, script FROM " + SCHEMA + "."
                        + HISTORY_TABLE + " WHERE version IS NOT NULL AND type = 'SQL' ORDER BY installed_rank DESC")) {
            while (rows.next()) {
                applied.add(new AppliedMigration(rows.getInt(1), rows.getString(2), rows.getString(3)));
            }
        }
        return applied;
    }

    private static String readRollbackScript(AppliedMigration migration) {
        if (!VERSIONED_SCRIPT.matcher(migration.script()).matches()) {
            throw new RollbackFailedException(
                    "Migration " + migration.version() + " has an unexpected script name: " + migration.script());
        }
        String resource = ROLLBACK_LOCATION + "/U" + migration.script().substring(1);
        try (InputStream in = CatalogMigrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new RollbackFailedException(
                        "No rollback script " + resource + " for migration " + migration.version());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RollbackFailedException("Cannot read rollback script " + resource, e);
        }
    }

    private static void undo(Connection connection, AppliedMigration migration, String script) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        String schema = connection.getSchema();
        connection.setAutoCommit(false);
        try {
            // The scripts name tables unqualified, as the migrations do.
            connection.setSchema(SCHEMA);
            try (Statement statement = connection.createStatement()) {
                statement.execute(script);
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + SCHEMA + "." + HISTORY_TABLE + " WHERE installed_rank = ?")) {
                delete.setInt(1, migration.installedRank());
                delete.executeUpdate();
            }
            connection.commit();
            LOG.log(Level.INFO, "Rolled back catalog migration {0} ({1})", migration.version(), migration.script());
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw new RollbackFailedException(
                    "Rollback of catalog migration " + migration.version() + " failed: " + e.getMessage(), e);
        } finally {
            if (schema != null) {
                connection.setSchema(schema);
            }
            connection.setAutoCommit(autoCommit);
        }
    }

    private record AppliedMigration(int installedRank, String version, String script) {}
}
