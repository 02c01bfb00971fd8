package coop.cpc.lakehouse.application.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.columnar.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {

    private final AssetSchema vitals = schema(
            new ColumnSpec("id", type("int64"), false, true, PiiCategory.NONE),
            new ColumnSpec("rate", type("decimal(4,1)"), true, false, PiiCategory.NONE));

    @Test
    void arrangesIncomingColumnsInTheAssetsOrderWithNullsForMissingOnes() throws Exception {
        SchemaEvolution plan = SchemaEvolution.plan("h.v", vitals, List.of(column("id", "int64")));

        assertThat(plan.added()).isEmpty();
        assertThat(plan.arrange(new Object[] {7L})).containsExactly(7L, null);
    }

    @Test
    void addsUnknownColumnsAsNullable() throws Exception {
        SchemaEvolution plan =
                SchemaEvolution.plan("h.v", vitals, List.of(column("spo2", "int32"), column("id", "int64")));

        assertThat(plan.added())
                .extracting(ColumnSpec::name, ColumnSpec::nullable)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("spo2", true));
        assertThat(plan.target().columns()).extracting(ColumnSpec::name).containsExactly("id", "rate", "spo2");
        assertThat(plan.arrange(new Object[] {97, 7L})).containsExactly(7L, null, 97);
    }

    @Test
    void refusesTypeChangesAndMissingRequiredColumns() {
        assertThatThrownBy(() -> SchemaEvolution.plan("h.v", vitals, List.of(column("id", "string"))))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessage(
                        "column id of asset h.v is int64; the incoming rows have string (type changes are not allowed)");
        assertThatThrownBy(() -> SchemaEvolution.plan("h.v", vitals, List.of(column("rate", "decimal(4,1)"))))
                .hasMessage("column id of asset h.v is required (not null) and the incoming rows lack it");
    }

    @Test
    void relaxesANotNullColumnTheWriterNamesSoRowsWithoutItFit() throws Exception {
        AssetSchema orders = schema(
                new ColumnSpec("id", type("int64"), false, true, PiiCategory.NONE),
                new ColumnSpec("status", type("string"), false, false, PiiCategory.NONE));

        SchemaEvolution plan =
                SchemaEvolution.plan("s.o", orders, List.of(column("id", "int64")), java.util.Set.of("status"));

        assertThat(plan.relaxed()).containsExactly("status");
        assertThat(plan.target().column("status").orElseThrow().nullable()).isTrue();
        assertThat(plan.arrange(new Object[] {2L})).containsExactly(2L, null);
    }

    @Test
    void refusesToRelaxAKeyColumn() {
        assertThatThrownBy(() -> SchemaEvolution.plan(
                        "h.v", vitals, List.of(column("rate", "decimal(4,1)")), java.util.Set.of("id")))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessage("column id of asset h.v is part of the primary key and cannot become nullable");
    }

    @Test
    void refusesColumnsBeyondTheCapCountingThoseTheAssetHas() {
        List<Column> incoming = new java.util.ArrayList<>();
        for (int i = 0; i < 1023; i++) {
            incoming.add(column("c" + i, "int32"));
        }
        assertThatThrownBy(() -> SchemaEvolution.plan("h.v", vitals, incoming))
                .isInstanceOf(coop.cpc.lakehouse.application.InvalidInputException.class)
                .hasMessage("asset h.v has 2 columns and the rows add 1023; an asset has at most 1024");
    }

    @Test
    void refusesAColumnNamedTwiceInOneWrite() {
        assertThatThrownBy(() ->
                        SchemaEvolution.plan("h.v", vitals, List.of(column("id", "int64"), column("id", "int64"))))
                .hasMessage("the incoming rows name column id twice");
    }

    private static Column column(String name, String type) {
        return new Column(name, coop.cpc.lakehouse.columnar.ColumnType.parse(type), true);
    }

    private static ColumnType type(String type) {
        try {
            return ColumnType.parse("c", type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AssetSchema schema(ColumnSpec... columns) {
        return new AssetSchema(List.of(columns));
    }
}
