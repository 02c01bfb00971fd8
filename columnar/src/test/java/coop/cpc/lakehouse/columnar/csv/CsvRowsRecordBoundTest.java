package coop.cpc.lakehouse.columnar.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One CSV record is refused once it outgrows the bound, instead of being buffered whole (an unterminated quote). */
class CsvRowsRecordBoundTest {
    private static final int BOUND = 100_000;

    private final Schema schema = Schema.of(
            new Column("id", ColumnType.of(ColumnType.Kind.INT64), false),
            new Column("note", ColumnType.of(ColumnType.Kind.STRING), true));

    /** As many characters as asked for, then the end: the text is never held whole by the test. */
    private static Reader repeated(String head, char filler, long count) {
        return new Reader() {
            private final StringReader first = new StringReader(head);
            private long left = count;

            @Override
            public int read(char[] buf, int off, int len) throws java.io.IOException {
                int n = first.read(buf, off, len);
                if (n > 0) {
                    return n;
                }
                if (left == 0) {
                    return -1;
                }
                n = (int) Math.min(len, left);
                java.util.Arrays.fill(buf, off, off + n, filler);
                left -= n;
                return n;
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void refusesAnUnterminatedQuoteOnceTheRecordOutgrowsTheBound() {
        long[] read = {0};
        Reader in = repeated("id,note\n1,\"", 'x', 50L * BOUND);

        assertThatThrownBy(() -> CsvRows.read(in, schema, row -> read[0]++, BOUND))
                .isInstanceOf(CsvFormatException.class)
                .hasMessage("line 2: malformed CSV: a record longer than " + BOUND
                        + " characters (an unterminated quote?)");
        assertThat(read[0]).isZero();
    }

    @Test
    void readsARecordUpToTheBound() throws Exception {
        String note = "y".repeat(BOUND - 10);
        List<Object[]> rows = new ArrayList<>();
        String csv = "id,note\n1,\"" + note + "\"\n2,\"" + note + "\"\n3,\n";

        long n = CsvRows.read(new StringReader(csv), schema, rows::add, BOUND);

        assertThat(n).isEqualTo(3);
        assertThat(rows.get(1)[1]).isEqualTo(note);
        assertThat(rows.get(2)[1]).isNull();
    }
}
