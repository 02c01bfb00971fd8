package coop.cpc.lakehouse.catalog.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.catalog.EmbeddedCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogMigrationsTest {

    /** The column contract of DESIGN.md section 2, plus our additions. */
    private static final Map<String, List<String>> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put(
                "data_assets",
                List.of(
                        "id",
                        "namespace",
                        "name",
                        "description",
                        "asset_type",
                        "storage_format",
                        "schema",
                        "primary_key",
                        "sort_order",
                        "tags",
                        "classification",
                        "current_snapshot_id",
                        "row_count",
                        "byte_size",
                        "created_at",
                        "updated_at",
                        "version"));
        TABLES.put(
                "asset_snapshots",
                List.of(
                        "id",
                        "asset_id",
                        "parent_id",
                        "sequence_number",
                        "operation",
                        "committed_at",
                        "summary",
                        "source_job_id",
                        "source_execution_id",
                        "expired_at"));
        TABLES.put(
                "ingestion_jobs",
                List.of(
                        "id",
                        "name",
                        "source_type",
                        "source_config",
                        "target_asset_id",
                        "schedule",
                        "schedule_expression",
                        "status",
                        "last_execution_id",
                        "last_run_at",
                        "next_run_at",
                        "rows_ingested",
                        "error_count",
                        "max_errors",
                        "created_by",
                        "created_at",
                        "updated_at",
                        "version",
                        "chunk_size",
                        "source_state"));
        TABLES.put(
                "webm_columnar",
                List.of(
                        "id",
                        "asset_id",
                        "added_snapshot_id",
                        "removed_snapshot_id",
                        "path",
                        "kind",
                        "row_count",
                        "byte_size",
                        "sha256",
                        "column_statistics",
                        "created_at",
                        "data_sequence"));
        TABLES.put(
                "data_lineage",
                List.of(
                        "id",
                        "source_asset_id",
                        "source_uri",
                        "target_asset_id",
                        "transformation",
                        "parameters",
                        "column_mappings",
                        "job_id",
                        "execution_id",
                        "created_by",
                        "created_at",
                        "run_count",
                        "last_execution_id",
                        "last_recorded_at"));
        TABLES.put(
                "audit_logs",
                List.of(
                        "id",
                        "occurred_at",
                        "actor_pseudonym",
                        "actor_role",
                        "purpose",
                        "action",
                        "resource_type",
                        "resource_id",
                        "outcome",
                        "source_ip",
                        "details",
                        "prev_hash",
                        "hash"));
        TABLES.put(
                "audit_anchor",
                List.of(
                        "id",
                        "purged_at",
                        "purged_before",
                        "entries_purged",
                        "last_entry_id",
                        "last_entry_at",
                        "last_entry_hash"));
        TABLES.put("cdc_offsets", List.of("connector_name", "offsets", "updated_at", "version"));
        TABLES.put(
                "ingestion_runs",
                List.of(
                        "execution_id",
                        "job_instance_id",
                        "job_id",
                        "run_trigger",
                        "restart_of",
                        "started_at",
                        "committed_at"));
        TABLES.put("read_whole_assets", List.of("job_instance_id", "asset_id", "job_id", "execution_id", "read_at"));
        TABLES.put(
                "staged_segments",
                List.of(
                        "path",
                        "job_instance_id",
                        "job_id",
                        "asset_id",
                        "added_columns",
                        "row_count",
                        "byte_size",
                        "sha256",
                        "column_statistics",
                        "source_state",
                        "staged_at"));
        TABLES.put(
                "cdc_streams",
                List.of(
                        "id",
                        "name",
                        "source_url",
                        "source_user",
                        "password_alias",
                        "target_namespace",
                        "snapshot_mode",
                        "slot_name",
                        "publication_name",
                        "desired_state",
                        "snapshot_completed",
                        "tags",
                        "last_error",
                        "created_by",
                        "created_at",
                        "updated_at",
                        "version"));
        TABLES.put(
                "cdc_stream_tables",
                List.of(
                        "stream_id",
                        "source_table",
                        "asset_id",
                        "key_columns",
                        "copy_requested_at",
                        "copy_completed_at"));
        TABLES.put("job_repository_owner", List.of("singleton", "server_kind", "claimed_at"));
        TABLES.put(
                "deleted_snapshot_history",
                List.of("asset_id", "through_sequence", "through_committed_at", "snapshots_deleted", "updated_at"));
        TABLES.put("catalog_identity", List.of("singleton", "catalog_id", "created_at"));
    }

    private static EmbeddedCatalog catalog;

    @BeforeAll
    static void startPostgres() {
        catalog = EmbeddedCatalog.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        catalog.close();
    }

    @Test
    void migratesRollsBackAndMigratesAgain() throws SQLException {
        DataSource db = catalog.newDatabase();

        MigrationResult first = CatalogMigrations.migrate(db);
        assertThat(first.schema()).isEqualTo("lakehouse");
        assertThat(first.appliedVersions())
                .containsExactly("1", "2", "3", "4", "5", "7", "8", "9", "10", "11", "12", "13", "14", "15");
        assertThat(first.currentVersion()).isEqualTo("15");
        assertCatalogTablesExist(db);

        assertRollsBackToTheHistoryTableOnly(db);
        assertThat(appliedVersions(db)).isEmpty();

        MigrationResult again = CatalogMigrations.migrate(db);
        assertThat(again.appliedVersions())
                .containsExactly("1", "2", "3", "4", "5", "7", "8", "9", "10", "11", "12", "13", "14", "15");
        assertCatalogTablesExist(db);
        assertThat(appliedVersions(db))
                .containsExactly("1", "2", "3", "4", "5", "7", "8", "9", "10", "11", "12", "13", "14", "15");
    }

    @Test
    void migratingAnUpToDateCatalogAppliesNothing() {
        DataSource db = migratedDatabase();

        MigrationResult second = CatalogMigrations.migrate(db);

        assertThat(second.appliedVersions()).isEmpty();
        assertThat(second.currentVersion()).isEqualTo("15");
    }

    @Test
    void rollbackOfANeverMigratedDatabaseDoesNothing() throws SQLException {
        DataSource db = catalog.newDatabase();

        CatalogMigrations.rollback(db);

        assertThat(tables(db)).isEmpty();
    }

    @Test
    void rollbackDropsTablesThatHoldRows() throws SQLException {
        DataSource db = migratedDatabase();
        execute(
                db,
                "INSERT INTO lakehouse.data_assets (namespace, name, asset_type) VALUES ('health', 'visits', 'STRUCTURED')");

        assertRollsBackToTheHistoryTableOnly(db);
    }

    @Test
    void rollbackWithAMissingScriptChangesNothing() throws SQLException {
        DataSource db = migratedDatabase();
        // A version applied by a newer build whose rollback script this build does not have.
        recordVersion99AsANewerBuildWould(db);

        assertThatThrownBy(() -> CatalogMigrations.rollback(db))
                .isInstanceOf(RollbackFailedException.class)
                .hasMessage("No rollback script db/rollback/U99__future.sql for migration 99");
        assertThat(appliedVersions(db))
                .containsExactly("1", "2", "3", "4", "5", "7", "8", "9", "10", "11", "12", "13", "14", "15", "99");
        assertCatalogTablesExist(db);
    }

    /** Version 99 in the history table, applied: what a build with a migration this one does not know leaves. */
    private static void recordVersion99AsANewerBuildWould(DataSource db) throws SQLException {
        execute(
                db,
                "INSERT INTO lakehouse.flyway_schema_history (installed_rank, version, description, type,"
                        + " script, checksum, installed_by, execution_time, success)"
                        + " VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 0, 'test', 0, true)");
    }

    @Test
    void refusesACatalogThatANewerBuildMigratedAndChangesNothing() throws SQLException {
        DataSource db = migratedDatabase();
        // What a newer build leaves: a version applied that this build has no script for.
        recordVersion99AsANewerBuildWould(db);

        assertThatThrownBy(() -> CatalogMigrations.migrate(db))
                .isInstanceOf(NewerCatalogException.class)
                .hasMessage("Catalog schema lakehouse is at version 99, newer than this build, whose latest migration"
                        + " is 15: a newer build upgraded it, and an upgrade is one way. Deploy that build (or a"
                        + " later one), or restore the catalog and storage folder backups taken before the upgrade"
                        + " (docs/operations.md)");
        assertThat(appliedVersions(db))
                .containsExactly("1", "2", "3", "4", "5", "7", "8", "9", "10", "11", "12", "13", "14", "15", "99");
    }

    @Test
    void everyMigrationHasARollbackScript() throws Exception {
        ClassLoader loader = CatalogMigrations.class.getClassLoader();
        Path migrations = Path.of(loader.getResource("db/migration").toURI());
        try (Stream<Path> scripts = Files.list(migrations)) {
            // flyway.location: the marker Flyway's scanner needs on Open Liberty (docs/deployment.md).
            List<String> names = scripts.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".sql"))
                    .toList();
            assertThat(names).isNotEmpty();
            for (String name : names) {
                assertThat(loader.getResource("db/rollback/U" + name.substring(1)))
                        .as(name)
                        .isNotNull();
            }
        }
    }

    @Test
    void rejectsAssetNameOutsideTheFormat() {
        DataSource db = migratedDatabase();

        for (String bad : List.of("Visits", "1visits", "visits-2024", "_visits", "a".repeat(64), "")) {
            assertThatThrownBy(() -> execute(
                            db,
                            "INSERT INTO lakehouse.data_assets (namespace, name, asset_type)" + " VALUES ('health', '"
                                    + bad + "', 'STRUCTURED')"))
                    .as(bad)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("data_assets_name_format_ck");
        }
    }

    @Test
    void rejectsDuplicateNameInANamespace() throws SQLException {
        DataSource db = migratedDatabase();
        String insert =
                "INSERT INTO lakehouse.data_assets (namespace, name, asset_type) VALUES ('%s', 'visits', 'STRUCTURED')";
        execute(db, insert.formatted("health"));
        execute(db, insert.formatted("finance"));

        assertThatThrownBy(() -> execute(db, insert.formatted("health")))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("data_assets_namespace_name_uk");
    }

    @Test
    void rejectsUnknownEnumValue() {
        DataSource db = migratedDatabase();

        assertThatThrownBy(() -> execute(
                        db,
                        "INSERT INTO lakehouse.data_assets (namespace, name, asset_type)"
                                + " VALUES ('health', 'visits', 'SPREADSHEET')"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("data_assets_asset_type_ck");
    }

    @Test
    void recordsDeleteSegmentsWithAPositiveDataSequenceAndExpiredSnapshots() throws SQLException {
        DataSource db = migratedDatabase();
        execute(
                db,
                "INSERT INTO lakehouse.data_assets (id, namespace, name, asset_type)"
                        + " VALUES ('00000000-0000-0000-0000-000000000001', 'crm', 'accounts', 'STRUCTURED')");
        execute(
                db,
                "INSERT INTO lakehouse.asset_snapshots (id, asset_id, sequence_number, operation, expired_at)"
                        + " VALUES ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 1, 'UPSERT', now())");
        String insert =
                "INSERT INTO lakehouse.webm_columnar (asset_id, added_snapshot_id, path, kind, row_count, byte_size, sha256,"
                        + " data_sequence) VALUES ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', '%s',"
                        + " 'DELETES', 1, 1, '" + "0".repeat(64) + "', %d)";

        execute(db, insert.formatted("crm/accounts/deletes/d1.webm", 1));
        assertThatThrownBy(() -> execute(db, insert.formatted("crm/accounts/deletes/d2.webm", 0)))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("webm_columnar_data_sequence_ck");
        assertRollsBackToTheHistoryTableOnly(db);
    }

    @Test
    void deletingASnapshotLeavesItsChildWithoutParentAndItsRollbackCascadesAgain() throws Exception {
        DataSource db = migratedDatabase();
        execute(
                db,
                "INSERT INTO lakehouse.data_assets (id, namespace, name, asset_type)"
                        + " VALUES ('00000000-0000-0000-0000-000000000001', 'crm', 'accounts', 'STRUCTURED')");
        String snapshot = "INSERT INTO lakehouse.asset_snapshots (id, asset_id, parent_id, sequence_number, operation)"
                + " VALUES ('00000000-0000-0000-0000-00000000001%d', '00000000-0000-0000-0000-000000000001', %s, %d,"
                + " 'CDC')";
        execute(db, snapshot.formatted(1, "NULL", 1));
        execute(db, snapshot.formatted(2, "'00000000-0000-0000-0000-000000000011'", 2));
        execute(db, snapshot.formatted(3, "'00000000-0000-0000-0000-000000000012'", 3));

        execute(db, "DELETE FROM lakehouse.asset_snapshots WHERE id = '00000000-0000-0000-0000-000000000011'");
        assertThat(strings(
                        db,
                        "SELECT coalesce(parent_id::text, 'none') FROM lakehouse.asset_snapshots WHERE ? IS NOT NULL"
                                + " ORDER BY sequence_number",
                        "x"))
                .containsExactly("none", "00000000-0000-0000-0000-000000000012");
        assertThatThrownBy(() -> execute(
                        db,
                        "INSERT INTO lakehouse.deleted_snapshot_history (asset_id, through_sequence,"
                                + " through_committed_at, snapshots_deleted)"
                                + " VALUES ('00000000-0000-0000-0000-000000000001', 0, now(), 1)"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("deleted_snapshot_history_counts_ck");

        // V10's rollback alone: a deleted parent takes its children with it again, as before V10.
        try (var script = CatalogMigrations.class
                .getClassLoader()
                .getResourceAsStream("db/rollback/U10__snapshot_record_deletion.sql")) {
            execute(
                    db,
                    "SET search_path TO lakehouse; "
                            + new String(script.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        execute(db, "DELETE FROM lakehouse.asset_snapshots WHERE id = '00000000-0000-0000-0000-000000000012'");
        assertThat(strings(db, "SELECT id::text FROM lakehouse.asset_snapshots WHERE ? IS NOT NULL", "x"))
                .isEmpty();
        assertRollsBackToTheHistoryTableOnly(db);
    }

    @Test
    void theFirstServerToClaimTheJobRepositoryKeepsItAndOnlyKnownServerKindsMayClaim() throws SQLException {
        DataSource db = migratedDatabase();
        assertThat(strings(db, "SELECT server_kind FROM lakehouse.job_repository_owner WHERE ? IS NOT NULL", "x"))
                .as("a catalog without runs belongs to no job repository yet")
                .isEmpty();
        String claim = "INSERT INTO lakehouse.job_repository_owner (server_kind) VALUES ('%s')"
                + " ON CONFLICT (singleton) DO NOTHING";
        execute(db, claim.formatted("OPEN_LIBERTY"));
        execute(db, claim.formatted("WILDFLY"));
        assertThat(strings(db, "SELECT server_kind FROM lakehouse.job_repository_owner WHERE ? IS NOT NULL", "x"))
                .containsExactly("OPEN_LIBERTY");
        assertThatThrownBy(
                        () -> execute(
                                db,
                                "INSERT INTO lakehouse.job_repository_owner (singleton, server_kind) VALUES (false, 'WILDFLY')"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("job_repository_owner_singleton_ck");
        assertThatThrownBy(() -> execute(db, "UPDATE lakehouse.job_repository_owner SET server_kind = 'TOMCAT'"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("job_repository_owner_kind_ck");

        assertRollsBackToTheHistoryTableOnly(db);
        CatalogMigrations.migrate(db);
        assertThat(tables(db)).contains("job_repository_owner");
    }

    @Test
    void runsRecordedBeforeTheClaimBelongToTheJobRepositoryWhoseTablesTheCatalogHolds() throws SQLException {
        assertThat(ownerAfterV9WithRunsAnd("public.job_execution")).containsExactly("WILDFLY");
        assertThat(ownerAfterV9WithRunsAnd("public.jobexecution")).containsExactly("OPEN_LIBERTY");
        assertThat(ownerAfterV9WithRunsAnd("public.job_execution", "public.jobexecution"))
                .as("a formerly shared catalog is left to the next server that starts a run")
                .isEmpty();
        assertThat(ownerAfterV9WithRunsAnd())
                .as("no job repository table: unclaimed")
                .isEmpty();
    }

    /** A catalog at V8 with one ingestion run and the given job repository tables, migrated: its owner row. */
    private static List<String> ownerAfterV9WithRunsAnd(String... jobRepositoryTables) throws SQLException {
        DataSource db = catalogWithAJobAt("8");
        execute(
                db,
                "INSERT INTO lakehouse.ingestion_runs (execution_id, job_instance_id, job_id, run_trigger)"
                        + " VALUES (1, 1, '00000000-0000-0000-0000-000000000001', 'MANUAL')");
        for (String table : jobRepositoryTables) {
            execute(db, "CREATE TABLE " + table + " (id bigint)");
        }
        CatalogMigrations.migrate(db);
        return strings(db, "SELECT server_kind FROM lakehouse.job_repository_owner WHERE ? IS NOT NULL", "x");
    }

    /** A new catalog migrated to {@code version} holding the file-drop job 00000000-0000-0000-0000-000000000001. */
    private static DataSource catalogWithAJobAt(String version) throws SQLException {
        DataSource db = catalog.newDatabase();
        migrateTo(db, version);
        execute(
                db,
                "INSERT INTO lakehouse.ingestion_jobs (id, name, source_type, created_by)"
                        + " VALUES ('00000000-0000-0000-0000-000000000001', 'visits', 'FILE_DROP', 'test')");
        return db;
    }

    @Test
    void runsThatWroteASnapshotBeforeV11AreMarkedCommittedAndTheRollbackDropsTheMark() throws SQLException {
        DataSource db = catalogWithAJobAt("9");
        execute(
                db,
                "INSERT INTO lakehouse.data_assets (id, namespace, name, asset_type)"
                        + " VALUES ('00000000-0000-0000-0000-000000000002', 'health', 'visits', 'STRUCTURED')");
        execute(
                db,
                "INSERT INTO lakehouse.ingestion_runs (execution_id, job_instance_id, job_id, run_trigger)"
                        + " VALUES (1, 1, '00000000-0000-0000-0000-000000000001', 'MANUAL'),"
                        + " (2, 2, '00000000-0000-0000-0000-000000000001', 'MANUAL')");
        execute(
                db,
                "INSERT INTO lakehouse.asset_snapshots (asset_id, sequence_number, operation, committed_at,"
                        + " source_execution_id) VALUES ('00000000-0000-0000-0000-000000000002', 1, 'APPEND',"
                        + " '2026-12-01T10:00:00Z', 1)");

        CatalogMigrations.migrate(db);

        assertThat(strings(
                        db,
                        "SELECT execution_id || ':' || coalesce(to_char(committed_at AT TIME ZONE 'UTC',"
                                + " 'YYYY-MM-DD HH24:MI'), '-') FROM lakehouse.ingestion_runs WHERE ? IS NOT NULL"
                                + " ORDER BY execution_id",
                        "x"))
                .containsExactly("1:2026-12-01 10:00", "2:-");
        assertRollsBackToTheHistoryTableOnly(db);
        CatalogMigrations.migrate(db);
        assertThat(columns(db, "ingestion_runs")).contains("committed_at");
    }

    @Test
    void v14CollapsesTheEdgesEachRunAddedIntoOneEdgePerDerivationCountingTheRuns() throws SQLException {
        DataSource db = catalogWithAJobAt("13");
        execute(
                db,
                "INSERT INTO lakehouse.data_assets (id, namespace, name, asset_type) VALUES"
                        + " ('00000000-0000-0000-0000-000000000002', 'health', 'visits', 'STRUCTURED'),"
                        + " ('00000000-0000-0000-0000-000000000003', 'research', 'visits', 'STRUCTURED')");
        String job = "'00000000-0000-0000-0000-000000000001'";
        String visits = "'00000000-0000-0000-0000-000000000002'";
        String research = "'00000000-0000-0000-0000-000000000003'";
        execute(
                db,
                "INSERT INTO lakehouse.data_lineage (source_asset_id, source_uri, target_asset_id, transformation,"
                        + " parameters, job_id, execution_id, created_by, created_at) VALUES"
                        + " (NULL, 'file:/drop/*.csv', " + visits + ", 'INGEST', '{\"run\":1}', " + job
                        + ", 1, 'op', '2026-12-01T10:00:00Z'),"
                        + " (NULL, 'file:/drop/*.csv', " + visits + ", 'INGEST', '{\"run\":3}', " + job
                        + ", 3, 'op', '2026-12-01T12:00:00Z'),"
                        + " (NULL, 'file:/drop/*.csv', " + visits + ", 'INGEST', '{\"run\":2}', " + job
                        + ", 2, 'op', '2026-12-01T11:00:00Z'),"
                        + " (NULL, 'file:/other/*.csv', " + visits + ", 'INGEST', '{}', " + job
                        + ", 4, 'op', '2026-12-01T13:00:00Z'),"
                        + " (" + visits + ", NULL, " + research + ", 'ANONYMIZE_RESEARCH', '{}', NULL, NULL, 'op',"
                        + " '2026-12-02T10:00:00Z'),"
                        + " (" + visits + ", NULL, " + research + ", 'ANONYMIZE_RESEARCH', '{}', NULL, NULL, 'op',"
                        + " '2026-12-03T10:00:00Z'),"
                        + " (NULL, 'https://api.example/x', " + visits + ", 'INGEST', '{}', NULL, NULL, 'op',"
                        + " '2026-12-04T10:00:00Z'),"
                        + " (NULL, 'https://api.example/x', " + visits + ", 'INGEST', '{}', NULL, NULL, 'op',"
                        + " '2026-12-04T11:00:00Z')");

        CatalogMigrations.migrate(db);

        assertThat(strings(
                        db,
                        "SELECT coalesce(source_uri, 'asset') || ' ' || transformation || ' x' || run_count || ' first '"
                                + " || coalesce(execution_id::text, '-') || ' last ' || coalesce(last_execution_id::text,"
                                + " '-') || ' ' || to_char(created_at AT TIME ZONE 'UTC', 'DD HH24') || '-'"
                                + " || to_char(last_recorded_at AT TIME ZONE 'UTC', 'DD HH24') || ' ' || parameters::text"
                                + " FROM lakehouse.data_lineage WHERE ? IS NOT NULL ORDER BY created_at",
                        "x"))
                .containsExactly(
                        "file:/drop/*.csv INGEST x3 first 1 last 3 01 10-01 12 {\"run\": 3}",
                        "file:/other/*.csv INGEST x1 first 4 last 4 01 13-01 13 {}",
                        "asset ANONYMIZE_RESEARCH x2 first - last - 02 10-03 10 {}",
                        "https://api.example/x INGEST x1 first - last - 04 10-04 10 {}",
                        "https://api.example/x INGEST x1 first - last - 04 11-04 11 {}");
        assertThatThrownBy(() -> execute(
                        db,
                        "INSERT INTO lakehouse.data_lineage (source_uri, target_asset_id, transformation, job_id,"
                                + " created_by) VALUES ('file:/drop/*.csv', " + visits + ", 'INGEST', " + job
                                + ", 'op')"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("data_lineage_job_edge_uq");

        assertRollsBackToTheHistoryTableOnly(db);
        CatalogMigrations.migrate(db);
        assertThat(columns(db, "data_lineage")).contains("run_count", "last_execution_id", "last_recorded_at");
    }

    @Test
    void aCatalogGetsOneIdentityOnceAndItsRollbackForgetsIt() throws SQLException {
        DataSource db = migratedDatabase();
        String id = "SELECT catalog_id::text FROM lakehouse.catalog_identity WHERE ? IS NOT NULL";
        List<String> first = strings(db, id, "x");
        assertThat(first).singleElement().asString().matches("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
        CatalogMigrations.migrate(db);
        assertThat(strings(db, id, "x"))
                .as("an up-to-date catalog keeps its id")
                .isEqualTo(first);
        assertThatThrownBy(() -> execute(db, "INSERT INTO lakehouse.catalog_identity DEFAULT VALUES"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("catalog_identity_pk");
        assertThatThrownBy(() -> execute(db, "INSERT INTO lakehouse.catalog_identity (singleton) VALUES (false)"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("catalog_identity_singleton_ck");
        assertThat(strings(migratedDatabase(), id, "x"))
                .as("another catalog, another id")
                .singleElement()
                .isNotEqualTo(first.get(0));

        assertRollsBackToTheHistoryTableOnly(db);
        CatalogMigrations.migrate(db);
        assertThat(strings(db, id, "x"))
                .as("migrated again: a new catalog, a new id")
                .singleElement()
                .isNotEqualTo(first.get(0));
    }

    @Test
    void anAssetSortsByAtMostFourColumnsAndTheRollbackDropsItsSortOrder() throws SQLException {
        DataSource db = migratedDatabase();
        execute(
                db,
                "INSERT INTO lakehouse.data_assets (namespace, name, asset_type, sort_order)"
                        + " VALUES ('crm', 'accounts', 'STRUCTURED', '{category,id}')");
        assertThat(strings(
                        db,
                        "SELECT array_to_string(sort_order, ',') FROM lakehouse.data_assets WHERE namespace = ?",
                        "crm"))
                .containsExactly("category,id");
        execute(
                db,
                "INSERT INTO lakehouse.data_assets (namespace, name, asset_type)"
                        + " VALUES ('crm', 'unsorted', 'STRUCTURED')");
        assertThat(strings(
                        db,
                        "SELECT cardinality(sort_order)::text FROM lakehouse.data_assets WHERE name = ?",
                        "unsorted"))
                .containsExactly("0");
        assertThatThrownBy(() -> execute(
                        db,
                        "INSERT INTO lakehouse.data_assets (namespace, name, asset_type, sort_order)"
                                + " VALUES ('crm', 'wide', 'STRUCTURED', '{a,b,c,d,e}')"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("data_assets_sort_order_ck");

        assertRollsBackToTheHistoryTableOnly(db);
        CatalogMigrations.migrate(db);
        assertThat(columns(db, "data_assets")).contains("sort_order");
    }

    @Test
    void rejectsSegmentPathThatLeavesTheStorageFolder() throws SQLException {
        DataSource db = migratedDatabase();
        execute(
                db,
                "INSERT INTO lakehouse.data_assets (id, namespace, name, asset_type)"
                        + " VALUES ('00000000-0000-0000-0000-000000000001', 'health', 'visits', 'STRUCTURED')");
        execute(
                db,
                "INSERT INTO lakehouse.asset_snapshots (id, asset_id, sequence_number, operation)"
                        + " VALUES ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 1, 'APPEND')");
        String insert =
                "INSERT INTO lakehouse.webm_columnar (asset_id, added_snapshot_id, path, kind, row_count, byte_size, sha256,"
                        + " data_sequence) VALUES ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', '%s',"
                        + " 'DATA', 1, 1, '" + "0".repeat(64) + "', 1)";

        execute(db, insert.formatted("health/visits/seg-1.webm"));
        for (String bad : List.of("/etc/passwd", "../x.webm", "a/../../x.webm", "a/..", "a\\b.webm")) {
            assertThatThrownBy(() -> execute(db, insert.formatted(bad)))
                    .as(bad)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("webm_columnar_path_relative_ck");
        }
    }

    @Test
    void rejectsAForkOfTheAuditChain() throws SQLException {
        DataSource db = migratedDatabase();
        String insert = "INSERT INTO lakehouse.audit_logs (purpose, action, resource_type, outcome, prev_hash, hash)"
                + " VALUES ('ADMIN', 'READ', 'asset', 'SUCCESS', %s, '%s')";
        execute(db, insert.formatted("NULL", "h1"));
        execute(db, insert.formatted("'h1'", "h2"));

        assertThatThrownBy(() -> execute(db, insert.formatted("'h1'", "h3")))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("audit_logs_prev_hash_uk");
    }

    @Test
    void rollbackSucceedsWhenTheTrailHoldsFailedEntries() throws SQLException {
        DataSource db = migratedDatabase();
        execute(
                db,
                "INSERT INTO lakehouse.audit_logs (purpose, action, resource_type, outcome, hash)"
                        + " VALUES ('ADMIN', 'WRITE', 'asset', 'FAILED', 'h1')");

        assertRollsBackToTheHistoryTableOnly(db);
    }

    @Test
    void aTrailPurgedBeforeAnchorsExistedKeepsItsOldestLinkAsTheAnchor() throws SQLException {
        DataSource purged = catalog.newDatabase();
        DataSource unpurged = catalog.newDatabase();
        for (DataSource db : List.of(purged, unpurged)) {
            migrateTo(db, "2");
        }
        String insert =
                "INSERT INTO lakehouse.audit_logs (occurred_at, purpose, action, resource_type, outcome, prev_hash, hash)"
                        + " VALUES (now() - interval '%d seconds', 'ADMIN', 'READ', 'asset', 'SUCCESS', %s, '%s')";
        // The old purge removed h0 and left h1 pointing at it.
        execute(purged, insert.formatted(2, "'h0'", "h1"));
        execute(purged, insert.formatted(1, "'h1'", "h2"));
        execute(unpurged, insert.formatted(2, "NULL", "h1"));
        execute(unpurged, insert.formatted(1, "'h1'", "h2"));

        CatalogMigrations.migrate(purged);
        CatalogMigrations.migrate(unpurged);

        assertThat(strings(
                        purged,
                        "SELECT last_entry_hash FROM lakehouse.audit_anchor WHERE entries_purged = 0"
                                + " AND last_entry_id = ?::uuid",
                        "00000000-0000-0000-0000-000000000000"))
                .containsExactly("h0");
        assertThat(strings(unpurged, "SELECT last_entry_hash FROM lakehouse.audit_anchor WHERE ? IS NOT NULL", "x"))
                .isEmpty();
    }

    /** Rolls every migration back: only Flyway's history table is left. */
    private static void assertRollsBackToTheHistoryTableOnly(DataSource db) throws SQLException {
        CatalogMigrations.rollback(db);
        assertThat(tables(db)).containsExactly("flyway_schema_history");
    }

    /** A new database with every migration of this build applied. */
    private static DataSource migratedDatabase() {
        DataSource db = catalog.newDatabase();
        CatalogMigrations.migrate(db);
        return db;
    }

    private static void assertCatalogTablesExist(DataSource db) throws SQLException {
        assertThat(tables(db)).containsExactlyInAnyOrderElementsOf(withHistory(TABLES.keySet()));
        for (Map.Entry<String, List<String>> table : TABLES.entrySet()) {
            assertThat(columns(db, table.getKey()))
                    .as(table.getKey())
                    .containsExactlyInAnyOrderElementsOf(table.getValue());
        }
    }

    private static List<String> withHistory(Iterable<String> tables) {
        List<String> all = new ArrayList<>();
        tables.forEach(all::add);
        all.add("flyway_schema_history");
        return all;
    }

    private static List<String> tables(DataSource db) throws SQLException {
        return strings(
                db, "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY 1", "lakehouse");
    }

    private static List<String> columns(DataSource db, String table) throws SQLException {
        return strings(
                db,
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'lakehouse'"
                        + " AND table_name = ?",
                table);
    }

    private static List<String> appliedVersions(DataSource db) throws SQLException {
        return strings(
                db,
                "SELECT version FROM lakehouse.flyway_schema_history WHERE version IS NOT NULL"
                        + " AND type <> ? ORDER BY installed_rank",
                "SCHEMA");
    }

    private static List<String> strings(DataSource db, String sql, String parameter) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    private static void execute(DataSource db, String sql) throws SQLException {
        try (Connection connection = db.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Migrates {@code db}'s catalog up to version {@code target} only. */
    private static void migrateTo(DataSource db, String target) {
        Flyway.configure(CatalogMigrations.class.getClassLoader())
                .dataSource(db)
                .schemas(CatalogMigrations.SCHEMA)
                .createSchemas(true)
                .table(CatalogMigrations.HISTORY_TABLE)
                .locations("classpath:" + CatalogMigrations.MIGRATION_LOCATION)
                .target(target)
                .load()
                .migrate();
    }
}
