package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DictionaryValuesSharedTest {

    private static List<Object[]> read(Schema schema, List<Object[]> rows) throws Exception {
        return WebmColumnar.read(Segments.write(schema, rows, 1_000)).rows();
    }

    @Test
    void rowsOfOneStringEntryShareOneStringAndRowsOfOneByteEntryGetTheirOwnArray() throws Exception {
        Schema schema = Schema.of(
                new Column("currency", ColumnType.of(ColumnType.Kind.STRING), false),
                new Column("tag", ColumnType.of(ColumnType.Kind.BYTES), false));
        List<Object[]> rows = new ArrayList<>();
        String[] currencies = {"EUR", "EUR", "USD", "CHF"};
        for (int i = 0; i < 1_000; i++) {
            rows.add(new Object[] {new String(currencies[i % 4]), new byte[] {(byte) (i % 3)}});
        }
        List<Object[]> back = read(schema, rows);

        assertThat(back).hasSize(1_000);
        for (int i = 0; i < back.size(); i++) {
            assertThat(back.get(i)[0]).isEqualTo(currencies[i % 4]);
            assertThat((byte[]) back.get(i)[1]).containsExactly((byte) (i % 3));
        }
        // Decoded once per dictionary entry: equal strings are one object.
        assertThat(back.get(0)[0]).isSameAs(back.get(1)[0]).isSameAs(back.get(4)[0]);
        // Byte arrays are mutable: each row has its own, so writing one changes no other row.
        assertThat(back.get(0)[1]).isNotSameAs(back.get(3)[1]);
        ((byte[]) back.get(0)[1])[0] = 9;
        assertThat((byte[]) back.get(3)[1]).containsExactly((byte) 0);
    }

    @Test
    void rowsOfOneIntegerDictionaryEntryShareOneValue() throws Exception {
        Schema schema = Schema.of(new Column("at", ColumnType.of(ColumnType.Kind.TIMESTAMP_MS), false));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rows.add(new Object[] {Instant.ofEpochMilli(1_700_000_000_000L + 86_400_000L * ((i * 7) % 5))});
        }
        List<Object[]> back = read(schema, rows);

        for (int i = 0; i < back.size(); i++) {
            assertThat(back.get(i)[0]).isEqualTo(rows.get(i)[0]);
        }
        assertThat(back.get(0)[0]).isSameAs(back.get(5)[0]);
    }
}
