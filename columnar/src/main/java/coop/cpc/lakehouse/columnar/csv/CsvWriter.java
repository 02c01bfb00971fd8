package coop.cpc.lakehouse.columnar.csv;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.Values;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes rows as RFC 4180 CSV that {@link CsvRows} reads back to the same values: a header,
 * fields quoted only when needed, the empty string as {@code ""}, null as an empty field,
 * lines ending in LF.
 */
public final class CsvWriter {
    private final Writer out;
    private final Schema schema;

    public CsvWriter(Writer out, Schema schema) throws IOException {
        this.out = out;
        this.schema = schema;
        for (int c = 0; c < schema.size(); c++) {
            if (c > 0) {
                out.write(',');
            }
            field(schema.column(c).name());
        }
        out.write('\n');
    }

    public void row(Object[] values) throws IOException {
        for (int c = 0; c < values.length; c++) {
            if (c > 0) {
                out.write(',');
            }
            Column col = schema.column(c);
            if (values[c] != null) {
                field(Values.format(col.type(), values[c]));
            }
        }
        out.write('\n');
    }

    private void field(String s) throws IOException {
        boolean quote = s.isEmpty();
        for (int i = 0; i < s.length() && !quote; i++) {
            char ch = s.charAt(i);
            quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
        }
        if (!quote) {
            out.write(s);
            return;
        }
        out.write('"');
        out.write(s.replace("\"", "\"\""));
        out.write('"');
    }
}
