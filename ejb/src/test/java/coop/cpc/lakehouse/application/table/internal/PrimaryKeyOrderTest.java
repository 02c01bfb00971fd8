package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetChanges;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.asset.internal.AssetServiceFixture;
import coop.cpc.lakehouse.application.asset.internal.DefaultAssetService;
import coop.cpc.lakehouse.application.table.IncomingColumn;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored rows are keyed, and {@code deleteRows} keys read, in the primary key's column order: an asset that holds
 * data keeps that order, so a deleted row cannot come back and a client's keys keep their meaning.
 */
class PrimaryKeyOrderTest {
    private static final ColumnSpec A = column("a", "int64", false, true);
    private static final ColumnSpec B = column("b", "string", false, true);
    private static final ColumnSpec V = column("v", "string", true, false);
    private static final List<IncomingColumn> INCOMING = List.of(
            new IncomingColumn("a", "int64"), new IncomingColumn("b", "string"), new IncomingColumn("v", "string"));

    @TempDir
    Path root;

    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final DefaultAssetService assets = AssetServiceFixture.wired(catalog);
    private DefaultTableService tables;
    private DataAsset asset;

    @BeforeEach
    void keyedByAThenB() throws Exception {
        AssetSchema schema = AssetSchema.of(List.of(A, B, V));
        asset = new DataAsset("crm", "pairs", AssetType.STRUCTURED, Classification.INTERNAL, schema.toJson());
        asset.setPrimaryKey(schema.primaryKey());
        catalog.assets.add(asset);
        tables = TableServiceFixture.wired(catalog, new SegmentFiles(root), Map.of());
    }

    @Test
    void reorderingTheKeyColumnsOfAnAssetThatHoldsDataIsRefusedAndTheDeletedRowStaysDeleted() throws Exception {
        tables.upsertText(asset.getId(), INCOMING, List.of(List.of("1", "x", "first"), List.of("2", "y", "second")));
        tables.deleteText(asset.getId(), List.of(List.of("1", "x")));
        assertThat(rows()).containsExactly("[2, y, second]");

        assertThatThrownBy(() -> assets.update(asset.getId(), columns(B, A, V)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the primary key's column order cannot change from (a, b) to (b, a) on an asset that holds"
                        + " data: stored rows are keyed, and deleteRows keys are read, in that order");
        assertThat(asset.getPrimaryKey()).containsExactly("a", "b");
        assertThat(rows()).containsExactly("[2, y, second]");
    }

    @Test
    void movingAColumnOutsideTheKeyIsAllowedAndReadsTheSameRows() throws Exception {
        tables.upsertText(asset.getId(), INCOMING, List.of(List.of("1", "x", "first"), List.of("2", "y", "second")));
        tables.deleteText(asset.getId(), List.of(List.of("1", "x")));

        assets.update(asset.getId(), columns(V, A, B));

        assertThat(rows()).containsExactly("[second, 2, y]");
    }

    @Test
    void theKeyOfAnAssetWithoutDataMayBeReordered() throws Exception {
        assets.update(asset.getId(), columns(B, A, V));

        assertThat(asset.getPrimaryKey()).containsExactly("b", "a");
        tables.upsertText(asset.getId(), INCOMING, List.of(List.of("1", "x", "first"), List.of("2", "y", "second")));
        tables.deleteText(asset.getId(), List.of(List.of("x", "1")));
        assertThat(rows()).containsExactly("[y, 2, second]");
    }

    private List<String> rows() throws Exception {
        return tables.rows(asset.getId(), List.of(), List.of(), 100, null, null, Long.MAX_VALUE).rows().stream()
                .map(Arrays::toString)
                .toList();
    }

    private static AssetChanges columns(ColumnSpec... columns) {
        return new AssetChanges(null, null, null, List.of(columns), null, null);
    }

    private static ColumnSpec column(String name, String type, boolean nullable, boolean key) {
        try {
            return new ColumnSpec(name, ColumnType.parse(name, type), nullable, key, PiiCategory.NONE);
        } catch (InvalidInputException e) {
            throw new IllegalStateException(e);
        }
    }
}
