package coop.cpc.lakehouse.ingest.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RecordConverterBoundsTest {

    @Test
    @Timeout(5)
    void aDecimalWrittenWithAMillionDigitsIsRejectedWithoutParsingIt() throws Exception {
        RecordConverter converter =
                new RecordConverter(Schema.of(new Column("amount", ColumnType.decimal(10, 2), true)));
        CsvHeaderLayout layout = converter.bindHeader(List.of("amount"));
        String huge = "1" + "0".repeat(1_000_000);
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> converter.fromText(layout, List.of(huge)))
                    .isInstanceOf(RecordRejectedException.class)
                    .hasMessageEndingWith("(longer than 200 characters)");
        }
        assertThat(converter.fromText(layout, List.of("12.50"))[0]).isEqualTo(new BigDecimal("12.50"));
    }
}
