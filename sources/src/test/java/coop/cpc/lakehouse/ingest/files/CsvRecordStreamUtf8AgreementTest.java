package coop.cpc.lakehouse.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.record.RecordConverter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reader's own UTF-8 decoding accepts exactly what the JDK's decoder accepts with {@code REPORT}, and
 * reads the same characters: random bytes, most of them above 0x7F, as one field of a CSV file.
 */
class CsvRecordStreamUtf8AgreementTest {
    private static final Schema SCHEMA = Schema.of(new Column("a", ColumnType.of(ColumnType.Kind.STRING), true));
    /** Lead bytes, continuation bytes and their edges, bytes that never occur in UTF-8, and plain ASCII. */
    private static final int[] BYTES = {
        0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF,
        0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFE, 0xFF
    };

    @Test
    void acceptsAndReadsExactlyWhatTheJdkDecoderDoes() {
        Random random = new Random(20261205);
        int accepted = 0;
        int refused = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] field = trial % 2 == 0 ? randomBytes(random) : nearlyWellFormed(random);
            String expected = jdkDecode(field);
            String actual = readField(field, random.nextBoolean());
            assertThat(actual)
                    .as("bytes %s", java.util.HexFormat.of().formatHex(field))
                    .isEqualTo(expected == null ? "refused" : expected);
            if (expected == null) {
                refused++;
            } else {
                accepted++;
            }
        }
        assertThat(accepted).as("well-formed fields tried").isGreaterThan(1_000);
        assertThat(refused).as("broken fields tried").isGreaterThan(1_000);
    }

    private static byte[] randomBytes(Random random) {
        byte[] field = new byte[1 + random.nextInt(12)];
        for (int i = 0; i < field.length; i++) {
            field[i] = (byte) BYTES[random.nextInt(BYTES.length)];
        }
        return field;
    }

    /** Well-formed text of one- to four-byte characters, half the time with one byte changed or the last cut off. */
    private static byte[] nearlyWellFormed(Random random) {
        int[][] ranges = {
            {0x20, 0x21},
            {0x23, 0x2B},
            {0x2D, 0x7E},
            {0x80, 0x7FF},
            {0x800, 0xD7FF},
            {0xE000, 0xFFFF},
            {0x10000, 0x10FFFF}
        };
        StringBuilder text = new StringBuilder();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            int[] range = ranges[random.nextInt(ranges.length)];
            text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        switch (random.nextInt(4)) {
            case 0 -> bytes[random.nextInt(bytes.length)] = (byte) BYTES[random.nextInt(BYTES.length)];
            case 1 -> bytes = java.util.Arrays.copyOf(bytes, Math.max(1, bytes.length - 1));
            default -> {}
        }
        return bytes;
    }

    private static String jdkDecode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The field's value as the reader reads it, or "refused" when it refuses the file as not UTF-8. */
    private static String readField(byte[] field, boolean newlineAtEnd) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("a\n".getBytes(StandardCharsets.US_ASCII));
        file.writeBytes(field);
        if (newlineAtEnd) {
            file.write('\n');
        }
        RecordConverter converter = new RecordConverter(SCHEMA);
        try (CsvRecordStream stream = new CsvRecordStream(
                "f.csv", new ByteArrayInputStream(file.toByteArray()), new RecordConverter(SCHEMA), 1 << 20)) {
            SourceRecord record = stream.next();
            if (record == null) {
                return "<no record>";
            }
            assertThat(stream.next()).isNull();
            return (String) record.convert(converter)[0];
        } catch (MalformedFileException e) {
            assertThat(e.getMessage()).contains("not valid UTF-8");
            return "refused";
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
