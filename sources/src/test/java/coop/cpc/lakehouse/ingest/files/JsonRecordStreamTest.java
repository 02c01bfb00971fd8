package coop.cpc.lakehouse.ingest.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.ColumnType.Kind;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.RejectedRecord;
import coop.cpc.lakehouse.ingest.record.CollectingSink;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON files whose records are well-formed but cannot all be trees: such a record is rejected, the others read. */
class JsonRecordStreamTest {

    private static final Schema SCHEMA = Schema.of(
            new Column("id", ColumnType.of(Kind.INT64), false), new Column("name", ColumnType.of(Kind.STRING), true));

    @TempDir
    Path root;

    private Path dir;
    private DropDirectory drop;
    private FileDropSource source;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createDirectories(root.resolve("drop"));
        drop = new DropDirectory(dir, "*", new FileDropLimits(1L << 30, 1L << 30, FileDropLimits.MAX_RECORD_BYTES));
        source = new FileDropSource(SCHEMA, drop.limits());
    }

    private CollectingSink read(String name, String content) throws Exception {
        Files.write(dir.resolve(name), content.getBytes(UTF_8));
        CollectingSink sink = new CollectingSink();
        source.read(drop.claimNext().orElseThrow(), 0, sink);
        return sink;
    }

    @Test
    void numberWhoseExponentNoDecimalHoldsRejectsItsRecordAndTheOthersAreRead() throws Exception {
        CollectingSink sink = read(
                "a.ndjson",
                "{\"id\":1,\"name\":\"x\"}\n{\"id\":2,\"name\":\"z\",\"x\":{\"y\":[1e2147483648, 5]}}\n{\"id\":3}\n");

        assertThat(sink.column(0)).containsExactly(1L, 3L);
        assertThat(sink.rejects)
                .extracting(RejectedRecord::position, RejectedRecord::reason)
                .containsExactly(tuple(
                        "record 2, line 2, column 1",
                        "number 1e2147483648 is out of range: its exponent is too large"));
    }

    @Test
    void numberWhoseExponentNoDecimalHoldsInAJsonArrayRejectsOnlyItsElement() throws Exception {
        CollectingSink sink =
                read("c.json", "[{\"id\":1,\"name\":\"x\"},{\"id\":2,\"x\":-1.5e-2147483649},{\"id\":3}]");

        assertThat(sink.column(0)).containsExactly(1L, 3L);
        assertThat(sink.rejects)
                .extracting(RejectedRecord::reason)
                .containsExactly("number -1.5e-2147483649 is out of range: its exponent is too large");
    }

    @Test
    void fieldNamedTwiceRejectsItsRecordAndTheOthersAreRead() throws Exception {
        CollectingSink sink = read(
                "d.ndjson",
                "{\"id\":2,\"id\":3,\"name\":\"z\"}\n{\"id\":4,\"o\":{\"a\":{\"b\":1},\"a\":{\"c\":[2]}},\"name\":\"w\"}\n"
                        + "{\"id\":5}\n");

        assertThat(sink.column(0)).containsExactly(5L);
        assertThat(sink.rejects)
                .extracting(RejectedRecord::position, RejectedRecord::reason)
                .containsExactly(
                        tuple("record 1, line 1, column 1", "field 'id' appears twice in one object"),
                        tuple("record 2, line 2, column 1", "field 'a' appears twice in one object"));
    }

    @Test
    void stringLongerThanJacksonsDefaultLimitIsReadWhenTheRecordLimitAllowsIt() throws Exception {
        String longName = "y".repeat(21_000_000);
        CollectingSink sink = read("e.ndjson", "{\"id\":1,\"name\":\"x\"}\n{\"id\":2,\"name\":\"" + longName + "\"}\n");

        assertThat(sink.column(0)).containsExactly(1L, 2L);
        assertThat(sink.column(1).get(1)).isEqualTo(longName);
        assertThat(sink.rejects).isEmpty();
    }
}
