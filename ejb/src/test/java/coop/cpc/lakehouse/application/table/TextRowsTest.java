package coop.cpc.lakehouse.application.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.columnar.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** appendRows' columns and text values are checked in the audited service, before any work. */
class TextRowsTest {

    @Test
    void refusesAColumnNamedTwice() {
        assertThatThrownBy(() ->
                        TextRows.columns(List.of(new IncomingColumn("id", "int64"), new IncomingColumn("id", "int64"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("columns lists id twice");
    }

    @Test
    void refusesMoreColumnsThanAnAssetHoldsBeforeLookingAtThem() {
        List<IncomingColumn> columns = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            columns.add(new IncomingColumn("c" + i, "int32"));
        }
        assertThatThrownBy(() -> TextRows.columns(columns))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("columns lists 10000 columns; an asset has at most 1024");
    }

    @Test
    void refusesTooManyRowsAndRowsOfTheWrongWidth() throws Exception {
        List<Column> columns = TextRows.columns(List.of(new IncomingColumn("id", "int64")));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i <= TextRows.MAX_ROWS; i++) {
            rows.add(List.of("1"));
        }
        assertThatThrownBy(() -> TextRows.values(columns, rows))
                .hasMessage("at most 10000 rows per appendRows, not 10001");
        assertThatThrownBy(() -> TextRows.values(columns, List.of(List.of("1", "2"))))
                .hasMessage("row 1 has 2 values for 1 columns");
    }

    @Test
    void namesTheRowAndColumnOfAValueTheColumnCannotHoldExactly() throws Exception {
        List<Column> columns = TextRows.columns(List.of(
                new IncomingColumn("id", "int64"),
                new IncomingColumn("x", "float64"),
                new IncomingColumn("note", "string")));
        assertThatThrownBy(() -> TextRows.values(columns, List.of(List.of("1", "1e400", "a"))))
                .hasMessage("row 1, column x: not a float64: '1e400' (out of the range of float64)");
        assertThatThrownBy(() -> TextRows.values(columns, List.of(List.of("1", "0x1p3", "a"))))
                .hasMessage("row 1, column x: not a float64: '0x1p3'");
        assertThatThrownBy(() -> TextRows.values(columns, List.of(List.of("1", "1.5", "\uD800"))))
                .hasMessage(
                        "row 1, column note: string holds a lone surrogate (U+D800) at character 0: not well-formed Unicode");
        assertThat(TextRows.values(columns, List.of(Arrays.asList("7", "2.5", null)))
                        .get(0))
                .containsExactly(7L, 2.5, null);
    }

    /** deleteRows takes keys, not rows: its refusals name the key, counted from 1 as rows are. */
    @Test
    void namesTheKeyNotARowOfDeleteRows() throws Exception {
        List<Column> key = TextRows.columns(List.of(new IncomingColumn("id", "int64")));
        List<List<String>> tooMany = new ArrayList<>();
        for (int i = 0; i <= TextRows.MAX_ROWS; i++) {
            tooMany.add(List.of("1"));
        }

        assertThatThrownBy(() -> TextRows.values(key, List.of(List.of("1"), List.of("2"), List.of("x")), "deleteRows"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("key 3, column id: not a int64: 'x'");
        assertThatThrownBy(() -> TextRows.values(key, List.of(List.of("1"), List.of("2", "3")), "deleteRows"))
                .hasMessage("key 2 has 2 values for 1 key columns");
        assertThatThrownBy(() -> TextRows.values(key, tooMany, "deleteRows"))
                .hasMessage("at most 10000 keys per deleteRows, not 10001");
        assertThatThrownBy(() -> TextRows.values(key, List.of(), "deleteRows")).hasMessage("no keys for deleteRows");
        assertThatThrownBy(() -> TextRows.values(key, List.of(List.of("x")), "upsertRows"))
                .hasMessage("row 1, column id: not a int64: 'x'");
    }
}
