package coop.cpc.lakehouse.application.asset.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetChanges;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.run.StagedSegmentFile;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An ingestion run's staged rows were deduplicated by the key of their staging (or by none): the primary key of an
 * empty asset cannot change under them, or a key they hold twice would commit as two current rows.
 */
class PrimaryKeyChangeOverStagedRowsTest {
    private static final ColumnSpec ID_KEY = column("id", "int64", false, true);
    private static final ColumnSpec NAME = column("name", "string", false, false);
    private static final ColumnSpec ID = column("id", "int64", false, false);
    private static final ColumnSpec NAME_KEY = column("name", "string", false, true);

    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final DefaultAssetService assets = AssetServiceFixture.wired(catalog);
    private DataAsset asset;

    @BeforeEach
    void emptyAssetKeyedById() throws Exception {
        AssetSchema schema = AssetSchema.of(List.of(ID_KEY, NAME));
        asset = new DataAsset("crm", "accounts", AssetType.STRUCTURED, Classification.INTERNAL, schema.toJson());
        asset.setPrimaryKey(schema.primaryKey());
        catalog.assets.add(asset);
    }

    @Test
    void changingTheKeyOfAnAssetARunStagedRowsForIsRefused() {
        catalog.runs.stage(new StagedSegmentFile(
                "crm/accounts/data/1.webm", 3, UUID.randomUUID(), asset.getId(), "[]", 2, 100, "00", "{}", "{}"));

        assertThatThrownBy(() -> assets.update(asset.getId(), columns(ID, NAME_KEY)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the primary key of asset crm.accounts cannot change from (id) to (name) while ingestion"
                        + " runs have 1 staged segment file(s) for it (staged under the former key): let those runs"
                        + " commit, or start their jobs anew (which discards them), then change the key; or create"
                        + " a new asset");
        assertThat(asset.getPrimaryKey()).containsExactly("id");
    }

    @Test
    void theKeyOfAnEmptyAssetWithNothingStagedCanStillChange() throws Exception {
        assets.update(asset.getId(), columns(ID, NAME_KEY));

        assertThat(asset.getPrimaryKey()).containsExactly("name");
    }

    @Test
    void otherColumnsOfAnAssetARunStagedRowsForCanStillChange() throws Exception {
        catalog.runs.stage(new StagedSegmentFile(
                "crm/accounts/data/1.webm", 3, UUID.randomUUID(), asset.getId(), "[]", 2, 100, "00", "{}", "{}"));

        assets.update(asset.getId(), columns(ID_KEY, column("name", "string", true, false)));

        assertThat(asset.getPrimaryKey()).containsExactly("id");
    }

    private static AssetChanges columns(ColumnSpec... columns) {
        return new AssetChanges(null, null, null, List.of(columns), null, null);
    }

    private static ColumnSpec column(String name, String type, boolean nullable, boolean key) {
        return new ColumnSpec(name, new ColumnType(type), nullable, key, PiiCategory.NONE);
    }
}
