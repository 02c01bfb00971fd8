package coop.cpc.lakehouse.ingest.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.ColumnType.Kind;
import org.junit.jupiter.api.Test;

class SourceColumnTest {
    /** A domain over int4, as describe() gives it: the base type's name, the domain's own SQL name. */
    private static final SourceColumn QTY = new SourceColumn("qty", "int4", 0, 0, true, "posint");

    @Test
    void aTypedColumnWhoseAssetColumnIsAStringIsReadAsItsTextAsEarlierBuildsReadADomain() {
        SourceColumn read = QTY.keepingTheTypeOf(new Column("qty", ColumnType.of(Kind.STRING), true));

        assertThat(read.assetColumn()).isEqualTo(new Column("qty", ColumnType.of(Kind.STRING), true));
        assertThat(read.selectExpression()).isEqualTo("\"qty\"::text");
    }

    @Test
    void aTypedColumnKeepsItsTypeWhenTheAssetHasNoSuchColumnOrTheSameType() {
        assertThat(QTY.keepingTheTypeOf(null)).isEqualTo(QTY);
        assertThat(QTY.keepingTheTypeOf(new Column("qty", ColumnType.of(Kind.INT32), true))
                        .assetColumn()
                        .type())
                .isEqualTo(ColumnType.of(Kind.INT32));
        assertThat(QTY.selectExpression()).isEqualTo("\"qty\"");
    }

    @Test
    void anAssetColumnOfAnotherTypeIsLeftToTheSchemaCheckThatRefusesIt() {
        SourceColumn read = QTY.keepingTheTypeOf(new Column("qty", ColumnType.of(Kind.INT64), true));

        assertThat(read.assetColumn().type()).isEqualTo(ColumnType.of(Kind.INT32));
    }
}
