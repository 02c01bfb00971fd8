package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.asset.AssetChanges;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.asset.internal.AssetServiceFixture;
import coop.cpc.lakehouse.application.asset.internal.DefaultAssetService;
import coop.cpc.lakehouse.application.table.SchemaMismatchException;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.StagedChanges;
import coop.cpc.lakehouse.application.table.TableChanges;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.columnar.Column;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While an asset holds no snapshot, {@code updateAsset} may change any column; a commit of rows staged before such
 * a change re-checks them against the schema it finds, and refuses (naming the asset and the column) what no longer
 * fits, committing nothing. A column another commit added meanwhile is no such change.
 */
class SchemaChangedAfterStagingTest {
    private static final Column ID = new Column("id", coop.cpc.lakehouse.columnar.ColumnType.parse("int64"), false);
    private static final Column NAME = new Column("name", coop.cpc.lakehouse.columnar.ColumnType.parse("string"), true);

    @TempDir
    Path root;

    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private DefaultTableService tables;
    private DefaultAssetService assets;
    private UUID assetId;

    @BeforeEach
    void wire() throws Exception {
        tables = TableServiceFixture.wired(catalog, new SegmentFiles(root), Map.of());
        assets = AssetServiceFixture.wired(catalog);
        assetId = TableServiceFixture.keyedAccounts(catalog).getId();
    }

    @Test
    void aCommitOfRowsStagedBeforeAColumnChangedTypeIsRefusedNamingTheColumn() throws Exception {
        StagedChanges staged = stageUpsert(new Object[] {1L, "ada"});
        changeColumns(column("id", "int64", false, true), column("name", "int64", true, false));

        assertThatThrownBy(() -> tables.commit(List.of(staged), null, null, null))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessage("column name of asset crm.accounts is int64, but rows of segment "
                        + staged.dataSegments().get(0).path() + " store it as string (the asset's schema changed"
                        + " after they were staged): stage them again");
        assertNothingCommitted();
    }

    @Test
    void aCommitOfNullsStagedBeforeTheColumnBecameNotNullIsRefused() throws Exception {
        StagedChanges staged = stageUpsert(new Object[] {1L, null});
        changeColumns(column("id", "int64", false, true), column("name", "string", false, false));

        assertThatThrownBy(() -> tables.commit(List.of(staged), null, null, null))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageStartingWith("column name of asset crm.accounts is not null, but rows of segment ")
                .hasMessageContaining("hold nulls in it");
        assertNothingCommitted();
    }

    @Test
    void aCommitOfRowsLackingAColumnAddedAsNotNullSinceIsRefused() throws Exception {
        StagedChanges staged = stageUpsert(new Object[] {1L, "ada"});
        changeColumns(
                column("id", "int64", false, true),
                column("name", "string", true, false),
                column("zip", "string", false, false));

        assertThatThrownBy(() -> tables.commit(List.of(staged), null, null, null))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageStartingWith("column zip of asset crm.accounts is not null")
                .hasMessageContaining("lack it");
        assertNothingCommitted();
    }

    @Test
    void aCommitOfKeysStagedForDeletionBeforeThePrimaryKeyChangedIsRefused() throws Exception {
        StagedChanges staged = tables.stage(
                assetId, TableChanges.of(List.of(ID)).delete(new Object[] {1L}).build());
        changeColumns(column("id", "int64", false, false), column("name", "string", false, true));

        assertThatThrownBy(() -> tables.commit(List.of(staged), null, null, null))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessage("the primary key of asset crm.accounts is (name), but the keys to delete of segment "
                        + staged.deleteSegments().get(0).path() + " are (id) (the asset's schema changed after"
                        + " they were staged): stage them again");
        assertNothingCommitted();
    }

    @Test
    void aCommitOfRowsStoringAColumnDroppedSinceIsRefused() throws Exception {
        StagedChanges staged = stageUpsert(new Object[] {1L, "ada"});
        changeColumns(column("id", "int64", false, true));

        assertThatThrownBy(() -> tables.commit(List.of(staged), null, null, null))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageStartingWith("asset crm.accounts has no column name, but rows of segment ");
        assertNothingCommitted();
    }

    @Test
    void aColumnAnotherCommitAddedMeanwhileDoesNotRefuseRowsStagedBefore() throws Exception {
        StagedChanges staged = stageUpsert(new Object[] {1L, "ada"});
        Column zip = new Column("zip", coop.cpc.lakehouse.columnar.ColumnType.parse("string"), true);
        tables.commitChanges(
                Map.of(
                        assetId,
                        TableChanges.of(List.of(ID, NAME, zip))
                                .upsert(new Object[] {2L, "bob", "02139"})
                                .build()),
                null,
                null,
                null);

        tables.commit(List.of(staged), null, null, null);

        assertThat(tables.rows(assetId, List.of("id", "name", "zip"), List.of(), 10, null, null, 1L << 20)
                        .rows())
                .containsExactlyInAnyOrder(new Object[] {1L, "ada", null}, new Object[] {2L, "bob", "02139"});
    }

    @Test
    void updateAssetLocksTheAssetRowAsACommitDoes() throws Exception {
        catalog.assetLocks.clear();

        changeColumns(column("id", "int64", false, true), column("name", "string", true, false));

        assertThat(catalog.assetLocks).containsExactly(assetId);
    }

    private StagedChanges stageUpsert(Object[] row) throws Exception {
        return tables.stage(
                assetId, TableChanges.of(List.of(ID, NAME)).upsert(row).build());
    }

    private void changeColumns(ColumnSpec... columns) throws Exception {
        assets.update(assetId, new AssetChanges(null, null, null, List.of(columns), null, null));
    }

    private static ColumnSpec column(String name, String type, boolean nullable, boolean key) {
        try {
            return new ColumnSpec(name, ColumnType.parse(name, type), nullable, key, PiiCategory.NONE);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void assertNothingCommitted() {
        assertThat(catalog.assets.find(assetId).orElseThrow().getCurrentSnapshotId())
                .isNull();
        assertThat(catalog.segmentRows).isEmpty();
    }
}
