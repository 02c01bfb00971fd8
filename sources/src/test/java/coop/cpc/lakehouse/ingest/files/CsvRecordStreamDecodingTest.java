package coop.cpc.lakehouse.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.record.RecordConverter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reader's own UTF-8 decoding gives back every character as written, wherever a buffer ends. */
class CsvRecordStreamDecodingTest {
    private static final Schema SCHEMA = Schema.of(
            new Column("a", ColumnType.of(ColumnType.Kind.STRING), true),
            new Column("b", ColumnType.of(ColumnType.Kind.STRING), true));
    /** One, two, three and four bytes in UTF-8, the edges of each length, and the characters CSV quotes. */
    private static final String[] PIECES = {
        "x",
        "\u007F",
        "\u0080",
        "é",
        "\u07FF",
        "\u0800",
        "–",
        "\uD7FF",
        "\uE000",
        "\uFFFD",
        "\uFFFF",
        "\uD800\uDC00",
        "\uD83D\uDE00",
        "\uDBFF\uDFFF",
        "\"",
        ",",
        "\n",
        "abcdefghijklmnopqrstuvwxyz"
    };

    @Test
    void readsBackEveryCharacterAsWritten() throws IOException {
        Random r = new Random(3107);
        List<String> written = new ArrayList<>();
        StringBuilder csv = new StringBuilder("a,b\n");
        while (csv.length() < 200_000) {
            StringBuilder value = new StringBuilder();
            for (int n = r.nextInt(40); n > 0; n--) {
                value.append(PIECES[r.nextInt(PIECES.length)]);
            }
            written.add(value.toString());
            csv.append("1,\"").append(value.toString().replace("\"", "\"\"")).append("\"\n");
        }
        List<String> read = new ArrayList<>();
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        try (CsvRecordStream stream =
                new CsvRecordStream("f.csv", new ByteArrayInputStream(bytes), new RecordConverter(SCHEMA), 1 << 20)) {
            RecordConverter converter = new RecordConverter(SCHEMA);
            SourceRecord record;
            while ((record = stream.next()) != null) {
                read.add((String) Arrays.asList(record.convert(converter)).get(1));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(read).isEqualTo(written);
    }
}
