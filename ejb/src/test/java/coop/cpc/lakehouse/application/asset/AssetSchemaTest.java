package coop.cpc.lakehouse.application.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssetSchemaTest {

    @Test
    void acceptsEveryTypeOfTheFixedList() throws Exception {
        for (String type : List.of(
                "bool",
                "int32",
                "int64",
                "float32",
                "float64",
                "decimal(12,2)",
                "timestamp_ms",
                "timestamp_us",
                "date",
                "string",
                "bytes")) {
            assertThat(ColumnType.parse("c", type).name()).isEqualTo(type);
        }
    }

    @Test
    void rejectsUnknownTypesAndImpossibleDecimals() {
        assertThatThrownBy(() -> ColumnType.parse("amount", "money"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("column amount: unknown type 'money'; expected one of bool, int32");
        assertThatThrownBy(() -> ColumnType.parse("amount", "decimal(5,7)"))
                .hasMessage("column amount: decimal(5,7) is not supported: 1 <= p <= 18, 0 <= s <= p");
        assertThatThrownBy(() -> ColumnType.parse("amount", "decimal(19,2)")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ColumnType.parse("amount", null))
                .hasMessageStartingWith("column amount: unknown type ''");
    }

    @Test
    void rejectsBadAndDuplicateColumnNamesAndNullableKeys() {
        assertThatThrownBy(() -> AssetSchema.of(List.of(column("Bad-Name", "int64", false, false))))
                .hasMessageContaining("column name 'Bad-Name' is not a valid name");
        assertThatThrownBy(() ->
                        AssetSchema.of(List.of(column("a", "int64", false, false), column("a", "string", true, false))))
                .hasMessage("column a appears twice in the schema");
        assertThatThrownBy(() -> AssetSchema.of(List.of(column("id", "int64", true, true))))
                .hasMessage("column id is part of the primary key and cannot be nullable");
    }

    @Test
    void rejectsAColumnWhoseTypeTheStorageFormatCannotHold() {
        // Built without ColumnType.parse, as a caller inside the application (CDC) may build them.
        ColumnSpec wideDecimal =
                new ColumnSpec("amount", new ColumnType("decimal(20,2)"), true, false, PiiCategory.NONE);
        ColumnSpec unknown = new ColumnSpec("note", new ColumnType("text"), true, false, PiiCategory.NONE);

        assertThatThrownBy(() -> AssetSchema.of(List.of(column("id", "int64", false, true), wideDecimal)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("column amount: decimal(20,2) is not supported: 1 <= p <= 18, 0 <= s <= p");
        assertThatThrownBy(() -> AssetSchema.of(List.of(unknown)))
                .hasMessageStartingWith("column note: unknown type 'text'");
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        AssetSchema schema = AssetSchema.of(List.of(
                new ColumnSpec("id", type("int64"), false, true, PiiCategory.DIRECT_IDENTIFIER),
                new ColumnSpec("amount", type("decimal(12,2)"), true, false, PiiCategory.SENSITIVE)));

        assertThat(AssetSchema.fromJson(schema.toJson())).isEqualTo(schema);
        assertThat(schema.primaryKey()).containsExactly("id");
    }

    @Test
    void evolutionMayAddNullableColumnsOnly() throws Exception {
        AssetSchema current = AssetSchema.of(List.of(column("id", "int64", false, true)));

        current.requireCompatibleEvolution(
                AssetSchema.of(List.of(column("id", "int64", false, true), column("note", "string", true, false))));
        assertThatThrownBy(() -> current.requireCompatibleEvolution(AssetSchema.of(
                        List.of(column("id", "int64", false, true), column("note", "string", false, false)))))
                .hasMessage("column note is added to an asset that holds data and must be nullable");
        assertThatThrownBy(() -> current.requireCompatibleEvolution(
                        AssetSchema.of(List.of(column("id", "string", false, true)))))
                .hasMessage(
                        "column id cannot change from int64 not null primary key to string not null primary key on an asset that holds data");
        assertThatThrownBy(() -> current.requireCompatibleEvolution(AssetSchema.of(List.of())))
                .hasMessage("column id cannot be dropped from an asset that holds data");
    }

    private static ColumnSpec column(String name, String type, boolean nullable, boolean key)
            throws InvalidInputException {
        return new ColumnSpec(name, type(type), nullable, key, PiiCategory.NONE);
    }

    private static ColumnType type(String type) throws InvalidInputException {
        return ColumnType.parse("c", type);
    }
}
