package coop.cpc.lakehouse.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.record.RecordConverter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pass over a record that the whole-file scan and a restart's skip make agrees with reading it: the
 * same records, lines and length refusals, and the same broken UTF-8, at any buffer boundary.
 */
class CsvScanTest {
    private static final Schema SCHEMA = Schema.of(
            new Column("a", ColumnType.of(ColumnType.Kind.STRING), true),
            new Column("b", ColumnType.of(ColumnType.Kind.STRING), true));
    /** Pieces that meet at the 16 KiB buffer's edges in every combination over a few hundred files. */
    private static final String[] PIECES = {
        "x", "yz", "é", "\uD83D\uDE00", ",", ",", "\"", "\"\"", "\"q\"", "\n", "\r", "\r\n", "\n\n", "abcdefghij"
    };

    @Test
    void passingOverRecordsFindsWhatReadingThemFinds() throws IOException {
        Random r = new Random(1616);
        for (int file = 0; file < 300; file++) {
            byte[] bytes = randomCsv(r, 2_000 + r.nextInt(60_000), file % 10 == 0);
            int limit = new int[] {40, 300, 5_000, 1 << 20}[r.nextInt(4)];
            List<String> read = outcomes(bytes, limit, 0);
            for (int every : new int[] {1, 2, 7}) {
                List<String> mixed = outcomes(bytes, limit, every);
                // Every record read after passing over others is where reading everything found it.
                for (String outcome : mixed) {
                    assertThat(read)
                            .as("file %d, limit %d, passing %d", file, limit, every)
                            .contains(outcome);
                }
                assertThat(mixed.get(mixed.size() - 1))
                        .as("how file %d ends, limit %d, passing %d", file, limit, every)
                        .isEqualTo(read.get(read.size() - 1));
            }
        }
    }

    /**
     * Each record read ("record n, line l: values"), passing over {@code every} records between two reads (0:
     * none), then how the file ended (the end or the exception's message).
     */
    private static List<String> outcomes(byte[] bytes, int limit, int every) throws IOException {
        List<String> out = new ArrayList<>();
        try (CsvRecordStream stream =
                new CsvRecordStream("f.csv", new ByteArrayInputStream(bytes), new RecordConverter(SCHEMA), limit)) {
            while (true) {
                for (int i = 0; i < every; i++) {
                    if (!stream.skip()) {
                        out.add("end");
                        return out;
                    }
                }
                SourceRecord record = stream.next();
                if (record == null) {
                    out.add("end");
                    return out;
                }
                String values;
                try {
                    values = String.valueOf(java.util.Arrays.asList(record.convert(new RecordConverter(SCHEMA))));
                } catch (Exception e) {
                    values = "rejected: " + e.getMessage();
                }
                out.add(record.position() + ": " + values);
            }
        } catch (FileLimitExceededException | MalformedFileException e) {
            out.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            return out;
        }
    }

    private static byte[] randomCsv(Random r, int chars, boolean brokenUtf8) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("a,b\n".getBytes(StandardCharsets.UTF_8));
        int written = 0;
        while (written < chars) {
            String piece = r.nextInt(50) == 0 ? "z".repeat(r.nextInt(400)) : PIECES[r.nextInt(PIECES.length)];
            out.writeBytes(piece.getBytes(StandardCharsets.UTF_8));
            written += piece.length();
            if (brokenUtf8 && r.nextInt(chars / 2) == 0) {
                out.write(0xC3); // a lead byte without its continuation
                out.write('x');
            }
        }
        return out.toByteArray();
    }
}
