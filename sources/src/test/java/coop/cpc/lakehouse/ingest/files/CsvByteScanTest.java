package coop.cpc.lakehouse.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.ReadStoppedException;
import coop.cpc.lakehouse.ingest.record.RecordConverter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scan over bytes refuses what reading the file's characters refuses: the same records, the same length
 * refusals (characters counted as the reader counts them), and, like the reader's own decoding, exactly the
 * byte sequences the JDK's UTF-8 decoder reports as malformed.
 */
class CsvByteScanTest {
    private static final Schema SCHEMA = Schema.of(
            new Column("a", ColumnType.of(ColumnType.Kind.STRING), true),
            new Column("b", ColumnType.of(ColumnType.Kind.STRING), true));
    /** Pieces that meet at the 64 KiB buffer's edges in every combination over a few hundred files. */
    private static final String[] PIECES = {
        "x", "yz", "é", "–", "\uD83D\uDE00", ",", ",", "\"", "\"\"", "\"q\"", "\n", "\r", "\r\n", "\n\n", "abcdefghij"
    };

    @Test
    void scanningFindsTheRecordsAndLengthRefusalsThatReadingFinds() throws IOException {
        Random r = new Random(1616);
        for (int file = 0; file < 300; file++) {
            boolean brokenUtf8 = file % 3 == 0;
            byte[] bytes = randomCsv(r, 2_000 + r.nextInt(150_000), brokenUtf8);
            // With broken UTF-8, no length refusal: reading meets the broken bytes when it decodes ahead.
            int limit = brokenUtf8 ? 1 << 20 : new int[] {40, 300, 5_000, 1 << 20}[r.nextInt(4)];
            assertThat(scanned(bytes, limit))
                    .as("file %d, limit %d", file, limit)
                    .isEqualTo(withoutUtf8Details(read(bytes, limit)));
        }
    }

    @Test
    void scanningAndReadingRefuseExactlyTheBytesTheJdkDecoderRefuses() throws IOException {
        Random r = new Random(42);
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes("a,b\n".getBytes(StandardCharsets.UTF_8));
            int n = 1 + r.nextInt(6);
            for (int k = 0; k < n; k++) {
                // Lead bytes, continuation bytes and the edges of Unicode's ranges, in any order.
                int pick = r.nextInt(4);
                out.write(
                        pick == 0
                                ? 0x80 + r.nextInt(0x80)
                                : pick == 1 ? 0xC0 + r.nextInt(0x40) : pick == 2 ? 0x80 + r.nextInt(0x40) : 'x');
            }
            byte[] bytes = out.toByteArray();
            boolean decoderRefuses = !decodes(bytes);
            String outcome = scanned(bytes, 1 << 20);
            assertThat(outcome.startsWith("MalformedFileException"))
                    .as("%s: %s", java.util.HexFormat.of().formatHex(bytes), outcome)
                    .isEqualTo(decoderRefuses);
            assertThat(read(bytes, 1 << 20).startsWith("MalformedFileException"))
                    .as("reading %s", java.util.HexFormat.of().formatHex(bytes))
                    .isEqualTo(decoderRefuses);
            refused += decoderRefuses ? 1 : 0;
        }
        assertThat(refused).as("files refused").isBetween(5_000, 19_000);
    }

    @Test
    void brokenUtf8IsReportedOnTheLineOfItsFirstByteByScanningAndByReading() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("a,b\n1,\"two\nlines\"\n3,x".getBytes(StandardCharsets.UTF_8));
        out.write(0xC3); // a lead byte followed by the line break
        out.writeBytes("\n4,y\n".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = out.toByteArray();
        assertThatThrownBy(() -> CsvByteScan.scan("f.csv", new ByteArrayInputStream(bytes), 1000, () -> false, 1))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("f.csv line 4: not valid UTF-8");
        // Reading gives the record before it, then the same refusal (though its bytes are decoded together).
        assertThat(read(bytes, 1000))
                .isEqualTo("MalformedFileException: f.csv line 4: not valid UTF-8 after 1 records");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstRecord() throws IOException {
        byte[] bytes = "\uFEFFab,c\n1,2\n".getBytes(StandardCharsets.UTF_8);
        // The header is 4 characters and a line break: it fits 5 without the mark, not with it.
        assertThat(CsvByteScan.scan("f.csv", new ByteArrayInputStream(bytes), 5, () -> false, 1))
                .isEqualTo(1);
        assertThatThrownBy(() -> CsvByteScan.scan("f.csv", new ByteArrayInputStream(bytes), 4, () -> false, 1))
                .hasMessage("f.csv line 1: record 1 is longer than 4 characters (maxRecordBytes)");
    }

    @Test
    void aRaisedStopFlagEndsTheScan() {
        byte[] bytes = "a,b\n1,2\n3,4\n5,6\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CsvByteScan.scan("f.csv", new ByteArrayInputStream(bytes), 100, () -> true, 2))
                .isInstanceOf(ReadStoppedException.class)
                .hasMessage("reading f.csv stopped: the run was asked to stop");
    }

    private static boolean decodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** "records n" or the refusal: its class, and its message unless it is about UTF-8 (whose line may differ). */
    private static String scanned(byte[] bytes, int limit) throws IOException {
        try {
            return "records " + CsvByteScan.scan("f.csv", new ByteArrayInputStream(bytes), limit, () -> false, 256);
        } catch (FileLimitExceededException | MalformedFileException e) {
            return refusal(e);
        }
    }

    private static String read(byte[] bytes, int limit) throws IOException {
        try (CsvRecordStream stream =
                new CsvRecordStream("f.csv", new ByteArrayInputStream(bytes), new RecordConverter(SCHEMA), limit)) {
            long records = 0;
            try {
                while (stream.next() != null) {
                    records++;
                }
            } catch (MalformedFileException e) {
                return "MalformedFileException: " + e.getMessage() + " after " + records + " records";
            }
            return "records " + records;
        } catch (FileLimitExceededException | MalformedFileException e) {
            return refusal(e);
        }
    }

    /** The outcome, but only the kind of a UTF-8 refusal (its line may differ next to a CR, see the scan). */
    private static String withoutUtf8Details(String outcome) {
        return outcome.contains("not valid UTF-8") ? "MalformedFileException: not valid UTF-8" : outcome;
    }

    private static String refusal(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + ": "
                + (message.endsWith("not valid UTF-8") ? "not valid UTF-8" : message);
    }

    /** Random records; with {@code brokenUtf8} at most one broken sequence. */
    private static byte[] randomCsv(Random r, int chars, boolean brokenUtf8) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("a,b\n".getBytes(StandardCharsets.UTF_8));
        int written = 0;
        boolean broken = false;
        while (written < chars) {
            String piece = r.nextInt(50) == 0 ? "z".repeat(r.nextInt(400)) : PIECES[r.nextInt(PIECES.length)];
            out.writeBytes(piece.getBytes(StandardCharsets.UTF_8));
            written += piece.length();
            if (brokenUtf8 && !broken && r.nextInt(chars / 8) == 0) {
                out.write(0xE2); // a lead byte without its continuations
                out.write('x');
                broken = true;
            }
        }
        return out.toByteArray();
    }
}
