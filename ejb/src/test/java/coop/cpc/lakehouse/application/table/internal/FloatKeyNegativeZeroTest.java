package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.table.IncomingColumn;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On an asset keyed by a float column, key 0 is the row stored at -0.0, as {@code rows(where: k EQ "0")} shows it. */
class FloatKeyNegativeZeroTest {
    private static final List<IncomingColumn> INCOMING =
            List.of(new IncomingColumn("k", "float64"), new IncomingColumn("v", "string"));

    @TempDir
    Path root;

    private TableServiceFixture table;

    @BeforeEach
    void keyedByAFloat() throws Exception {
        table = new TableServiceFixture(
                new SegmentFiles(root),
                AssetSchema.of(List.of(
                        new ColumnSpec("k", ColumnType.parse("k", "float64"), false, true, PiiCategory.NONE),
                        new ColumnSpec("v", ColumnType.parse("v", "string"), true, false, PiiCategory.NONE))));
        table.service.upsertText(
                table.assetId, INCOMING, List.of(List.of("-0.0", "negative zero"), List.of("1", "one")));
    }

    @Test
    void upsertingKeyZeroReplacesTheNegativeZeroRow() throws Exception {
        table.service.upsertText(table.assetId, INCOMING, List.of(List.of("0", "zero")));

        assertThat(rows()).containsExactlyInAnyOrder("[0.0, zero]", "[1.0, one]");
    }

    @Test
    void deletingKeyZeroDeletesTheNegativeZeroRow() throws Exception {
        table.service.deleteText(table.assetId, List.of(List.of("0")));

        assertThat(rows()).containsExactly("[1.0, one]");
    }

    private List<String> rows() throws Exception {
        return table.service.rows(table.assetId, List.of(), List.of(), 100, null, null, Long.MAX_VALUE).rows().stream()
                .map(Arrays::toString)
                .toList();
    }
}
