package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.table.IncomingColumn;
import coop.cpc.lakehouse.application.table.RowPage;
import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SegmentScan;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Values;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rows query takes a bounded number of conditions and IN values, and tests IN by the format's equality. */
class RowsQueryBoundsTest {
    private static final List<IncomingColumn> COLUMNS = List.of(
            new IncomingColumn("id", "int64"),
            new IncomingColumn("amount", "decimal(12,2)"),
            new IncomingColumn("score", "float64"));

    @TempDir
    Path root;

    private TableServiceFixture table;

    @BeforeEach
    void setUp() throws Exception {
        AssetSchema schema = AssetSchema.of(List.of(
                new ColumnSpec("id", ColumnType.parse("id", "int64"), false, true, PiiCategory.NONE),
                new ColumnSpec("amount", ColumnType.parse("amount", "decimal(12,2)"), true, false, PiiCategory.NONE),
                new ColumnSpec("score", ColumnType.parse("score", "float64"), true, false, PiiCategory.NONE)));
        table = new TableServiceFixture(new SegmentFiles(root), schema);
        List<List<String>> rows = new ArrayList<>();
        for (int id = 0; id < 2_000; id++) {
            rows.add(List.of(String.valueOf(id), id + ".50", id % 3 == 0 ? "-0.0" : id % 3 == 1 ? "0.0" : "NaN"));
        }
        table.service.appendText(table.assetId, COLUMNS, rows);
    }

    @Test
    void moreConditionsThanTheBoundAreRefusedNamingIt() throws Exception {
        List<RowPredicate> where = new ArrayList<>(Collections.nCopies(
                SegmentScan.MAX_CONDITIONS, new RowPredicate("id", RowPredicate.Operator.LT, List.of("5"))));
        assertThat(rows(where).rows()).hasSize(5);

        where.add(new RowPredicate("id", RowPredicate.Operator.GE, List.of("0")));
        assertThatThrownBy(() -> rows(where))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("where takes at most 32 conditions, not 33");
    }

    @Test
    void anInListLongerThanTheBoundIsRefusedNamingIt() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int id = 0; id < SegmentScan.MAX_IN_VALUES; id++) {
            ids.add(String.valueOf(id * 2));
        }
        assertThat(rows(List.of(new RowPredicate("id", RowPredicate.Operator.IN, ids)))
                        .rows())
                .hasSize(500);

        ids.add("1");
        assertThatThrownBy(() -> rows(List.of(new RowPredicate("id", RowPredicate.Operator.IN, ids))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("where: condition IN on id takes at most 1024 values, not 1025");
    }

    @Test
    void inMatchesByTheFormatsEqualityForDecimalsAndFloats() throws Exception {
        assertThat(rows(List.of(new RowPredicate("amount", RowPredicate.Operator.IN, List.of("7.5", "9.500"))))
                        .rows())
                .extracting(r -> r[0])
                .containsExactly(7L, 9L);
        // -0.0 equals 0.0, as in PostgreSQL (the format's order sets them apart); NaN equals NaN.
        assertThat(rows(List.of(
                                new RowPredicate("id", RowPredicate.Operator.LT, List.of("9")),
                                new RowPredicate("score", RowPredicate.Operator.IN, List.of("-0.0"))))
                        .rows())
                .extracting(r -> r[0])
                .containsExactly(0L, 1L, 3L, 4L, 6L, 7L);
        assertThat(rows(List.of(
                                new RowPredicate("id", RowPredicate.Operator.LT, List.of("9")),
                                new RowPredicate("score", RowPredicate.Operator.IN, List.of("NaN"))))
                        .rows())
                .extracting(r -> r[0])
                .containsExactly(2L, 5L, 8L);
    }

    @Test
    void inMembershipAgreesWithTheFormatsComparisonOnRandomValues() throws Exception {
        Random random = new Random(7);
        List<Column> columns = List.of(
                new Column("d", coop.cpc.lakehouse.columnar.ColumnType.parse("decimal(9,3)"), true),
                new Column("f", coop.cpc.lakehouse.columnar.ColumnType.parse("float32"), true),
                new Column("b", coop.cpc.lakehouse.columnar.ColumnType.parse("bytes"), true),
                new Column("s", coop.cpc.lakehouse.columnar.ColumnType.parse("string"), true));
        for (Column column : columns) {
            for (int trial = 0; trial < 200; trial++) {
                List<String> in = new ArrayList<>();
                for (int v = 0; v < 1 + random.nextInt(6); v++) {
                    in.add(text(column, random));
                }
                SegmentScan.Condition condition =
                        SegmentScan.Condition.of(column, new RowPredicate(column.name(), RowPredicate.Operator.IN, in));
                Object value = Values.parse(column.type(), text(column, random));
                // The format's comparison, but with -0.0 equal to 0.0 as in PostgreSQL.
                boolean byComparison = condition.operands().stream()
                        .anyMatch(o -> Values.compare(column.type(), unsignedZero(value), unsignedZero(o)) == 0);
                assertThat(condition.test(value)).as("%s IN %s", value, in).isEqualTo(byComparison);
            }
        }
    }

    private static Object unsignedZero(Object value) {
        return value instanceof Float f && f == 0 ? (Object) 0.0f : value;
    }

    /** A small random value's text, drawn so that equal values often recur in other spellings. */
    private static String text(Column column, Random random) {
        int n = random.nextInt(4);
        return switch (column.type().kind()) {
            case DECIMAL -> {
                int scale = random.nextInt(2);
                yield new BigDecimal(n - 2)
                        .movePointLeft(scale)
                        .setScale(scale + random.nextInt(2))
                        .toPlainString();
            }
            case FLOAT32 -> List.of("0.0", "-0.0", "NaN", "1.5").get(n);
            case BYTES -> List.of("AA==", "AAA=", "AQ==", "").get(n);
            default -> List.of("a", "b", "é", "").get(n);
        };
    }

    private RowPage rows(List<RowPredicate> where) throws Exception {
        return table.service.rows(table.assetId, List.of("id"), where, 500, null, null, Long.MAX_VALUE);
    }
}
