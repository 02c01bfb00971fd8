package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SchemaJsonTest {
    @Test
    void readsAndWritesEveryType() {
        String json =
                "[{\"name\":\"a\",\"type\":\"bool\",\"nullable\":true},{\"name\":\"b\",\"type\":\"int32\",\"nullable\":false},"
                        + "{\"name\":\"c\",\"type\":\"int64\",\"nullable\":true},{\"name\":\"d\",\"type\":\"float32\",\"nullable\":true},"
                        + "{\"name\":\"e\",\"type\":\"float64\",\"nullable\":true},{\"name\":\"f\",\"type\":\"decimal(12,2)\",\"nullable\":true},"
                        + "{\"name\":\"g\",\"type\":\"timestamp_ms\",\"nullable\":true},{\"name\":\"h\",\"type\":\"timestamp_us\",\"nullable\":true},"
                        + "{\"name\":\"i\",\"type\":\"date\",\"nullable\":true},{\"name\":\"j\",\"type\":\"string\",\"nullable\":true},"
                        + "{\"name\":\"k\",\"type\":\"bytes\",\"nullable\":true}]";
        Schema schema = SchemaJson.parse(json);
        assertThat(schema.size()).isEqualTo(11);
        assertThat(schema.column(5).type()).isEqualTo(ColumnType.decimal(12, 2));
        assertThat(SchemaJson.format(schema)).isEqualTo(json);
    }

    @Test
    void defaultsToNullable() {
        assertThat(SchemaJson.parse("[{\"name\":\"a\",\"type\":\"int64\"}]")
                        .column(0)
                        .nullable())
                .isTrue();
    }

    @Test
    void namesTheColumnOfABadType() {
        assertThatThrownBy(() -> SchemaJson.parse(
                        "[{\"name\":\"a\",\"type\":\"int64\"},{\"name\":\"d\",\"type\":\"decimal(19,2)\"}]"))
                .isInstanceOf(SchemaException.class)
                .hasMessage("schema column 2 (d): decimal(19,2) is not supported: 1 <= p <= 18, 0 <= s <= p");
    }

    @Test
    void rejectsDuplicateNamesAndNonArrays() {
        assertThatThrownBy(() ->
                        SchemaJson.parse("[{\"name\":\"a\",\"type\":\"int64\"},{\"name\":\"a\",\"type\":\"date\"}]"))
                .isInstanceOf(SchemaException.class)
                .hasMessage("duplicate column 'a'");
        assertThatThrownBy(() -> SchemaJson.parse("{\"name\":\"a\"}"))
                .isInstanceOf(SchemaException.class)
                .hasMessage("schema must be a JSON array of columns");
        assertThatThrownBy(() -> SchemaJson.parse("[{\"name\":\"a\",\"type\":\"int64\",\"nullable\":\"yes\"}]"))
                .isInstanceOf(SchemaException.class)
                .hasMessage("schema column 1 (a): \"nullable\" must be true or false");
    }

    @Test
    void parsesCsvValuesBackToTheSameValues() {
        assertThat(Values.parse(ColumnType.of(ColumnType.Kind.FLOAT64), "-0.0")).isEqualTo(-0.0);
        assertThat(Values.parse(ColumnType.of(ColumnType.Kind.TIMESTAMP_US), "1969-12-31T23:59:59.999999Z"))
                .isEqualTo(java.time.Instant.ofEpochSecond(-1, 999_999_000));
        assertThatThrownBy(() -> Values.parse(ColumnType.of(ColumnType.Kind.TIMESTAMP_MS), "2024-01-01T00:00:00.0001Z"))
                .hasMessage("not a timestamp_ms: '2024-01-01T00:00:00.0001Z'");
        assertThatThrownBy(() -> Values.parse(ColumnType.of(ColumnType.Kind.BOOL), "yes"))
                .hasMessage("not a bool: 'yes'");
    }
}
