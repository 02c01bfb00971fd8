package coop.cpc.lakehouse.columnar.testdata;

import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A generated table: its schema and its columns (one array of values per column). */
public record Dataset(String name, Schema schema, List<Object[]> columns) {
    /** The values of the named column. */
    public Object[] column(String name) {
        return columns.get(schema.ordinal(name));
    }

    public int rows() {
        return columns.get(0).length;
    }

    /** Bytes of the plain column values: fixed widths, UTF-8 bytes for strings. */
    public long rawBytes(int column) {
        ColumnType t = schema.column(column).type();
        long n = 0;
        for (Object v : columns.get(column)) {
            n += switch (t.kind()) {
                case BOOL -> 1;
                case INT32, FLOAT32, DATE -> 4;
                case STRING -> ((String) v).getBytes(StandardCharsets.UTF_8).length;
                case BYTES -> ((byte[]) v).length;
                default -> 8;
            };
        }
        return n;
    }

    public long rawBytes() {
        long n = 0;
        for (int c = 0; c < schema.size(); c++) {
            n += rawBytes(c);
        }
        return n;
    }
}
