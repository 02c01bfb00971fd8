package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
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

/** On an asset keyed by a float column, key 0 is the row stored at -0.0, as {@code rows(where: k EQ "0")} shows it. */
class FloatKeyNegativeZeroTest {
    private static final List<IncomingColumn> INCOMING =
            List.of(new IncomingColumn("k", "float64"), new IncomingColumn("v", "string"));

    @TempDir
    Path root;

    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private DefaultTableService tables;
    private DataAsset asset;

    @BeforeEach
    void keyedByAFloat() throws Exception {
        AssetSchema schema = AssetSchema.of(List.of(column("k", "float64", true), column("v", "string", false)));
        asset = new DataAsset("crm", "readings", AssetType.STRUCTURED, Classification.INTERNAL, schema.toJson());
        asset.setPrimaryKey(schema.primaryKey());
        catalog.assets.add(asset);
        tables = TableServiceFixture.wired(catalog, new SegmentFiles(root), Map.of());
        tables.upsertText(asset.getId(), INCOMING, List.of(List.of("-0.0", "negative zero"), List.of("1", "one")));
    }

    @Test
    void upsertingKeyZeroReplacesTheNegativeZeroRow() throws Exception {
        tables.upsertText(asset.getId(), INCOMING, List.of(List.of("0", "zero")));

        assertThat(rows()).containsExactlyInAnyOrder("[0.0, zero]", "[1.0, one]");
    }

    @Test
    void deletingKeyZeroDeletesTheNegativeZeroRow() throws Exception {
        tables.deleteText(asset.getId(), List.of(List.of("0")));

        assertThat(rows()).containsExactly("[1.0, one]");
    }

    private List<String> rows() throws Exception {
        return tables.rows(asset.getId(), List.of(), List.of(), 100, null, null, Long.MAX_VALUE).rows().stream()
                .map(Arrays::toString)
                .toList();
    }

    private static ColumnSpec column(String name, String type, boolean key) {
        try {
            return new ColumnSpec(name, ColumnType.parse(name, type), !key, key, PiiCategory.NONE);
        } catch (InvalidInputException e) {
            throw new IllegalStateException(e);
        }
    }
}
