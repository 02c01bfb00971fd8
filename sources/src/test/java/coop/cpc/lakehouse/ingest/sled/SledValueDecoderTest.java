package coop.cpc.lakehouse.ingest.sled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.ColumnType.Kind;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.record.RecordRejectedException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Value decoding on hand-made values: the sled fixtures hold random bytes, no text or JSON. */
class SledValueDecoderTest {
    private static final byte[] KEY = {0x01, (byte) 0xfe};
    private static final Schema COLUMNS = Schema.of(
            new Column("id", ColumnType.of(Kind.INT64), false),
            new Column("amount", ColumnType.decimal(10, 2), true),
            new Column("vitals_hr", ColumnType.of(Kind.INT32), true));

    private final SledValueDecoder utf8 = new SledValueDecoder(SledValueFormat.UTF8, null);
    private final SledValueDecoder json = new SledValueDecoder(SledValueFormat.JSON, COLUMNS);

    @Test
    void bytesValuesPassUnchanged() throws Exception {
        byte[] value = {(byte) 0xff, 0};
        assertThat(new SledValueDecoder(SledValueFormat.BYTES, null).row("t", KEY, value))
                .containsExactly(KEY, value);
    }

    @Test
    void decodesUtf8TextOfEveryLength() throws Exception {
        assertThat(utf8.row("t", KEY, bytes("é€😀 ok"))).containsExactly(KEY, "é€😀 ok");
        assertThat(utf8.row("t", KEY, new byte[0])).containsExactly(KEY, "");
    }

    @Test
    void rejectsInvalidUtf8NamingTreeKeyAndByteOffset() {
        // 'a', then a lone continuation byte at offset 1.
        assertRejected(
                utf8, new byte[] {'a', (byte) 0x80}, "tree t, key 01fe: value is not valid UTF-8 at byte offset 1");
        // Overlong encoding of '/', at offset 2.
        assertRejected(
                utf8,
                new byte[] {'a', 'b', (byte) 0xc0, (byte) 0xaf},
                "tree t, key 01fe: value is not valid UTF-8 at byte offset 2");
        // An encoded surrogate (CESU-8), not UTF-8.
        assertRejected(
                utf8,
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                "tree t, key 01fe: value is not valid UTF-8 at byte offset 0");
        // '€' cut short at the end of the value.
        assertRejected(
                utf8,
                new byte[] {'x', (byte) 0xe2, (byte) 0x82},
                "tree t, key 01fe: value is not valid UTF-8 at byte offset 1");
    }

    @Test
    void convertsAJsonObjectIntoTheValueColumnsAfterTheKey() throws Exception {
        assertThat(json.row(
                        "t", KEY, bytes("{\"id\": 7, \"amount\": 12.50, \"vitals\": {\"hr\": 71}, \"extra\": true}")))
                .containsExactly(KEY, 7L, new BigDecimal("12.50"), 71);
        assertThat(json.row("t", KEY, bytes("{\"id\": \"8\"}"))).containsExactly(KEY, 8L, null, null);
        assertThat(json.mapping("t").unmappedFields()).containsExactly("/extra");
        assertThat(json.mapping("other").mappings()).isEmpty();
    }

    @Test
    void rejectsJsonThatIsNotAnObjectNotParseableOrNotFittingPrefixedWithTreeAndKey() {
        assertRejected(json, bytes("[1, 2]"), "tree t, key 01fe: record is not a JSON object: [1,2]");
        assertRejected(
                json, bytes("{\"amount\": 1}"), "tree t, key 01fe: column 'id' (int64, not nullable) is missing");
        assertRejected(json, new byte[0], "tree t, key 01fe: value is empty, not a JSON object");
        assertRejected(
                json,
                new byte[] {'{', (byte) 0xff, '}'},
                "tree t, key 01fe: value is not valid UTF-8 at byte offset 1");
        assertThatThrownBy(() -> json.row("t", KEY, bytes("{\"id\": 1")))
                .hasMessageStartingWith("tree t, key 01fe: value is not JSON: Unexpected end-of-input");
        assertThatThrownBy(() -> json.row("t", KEY, bytes("{\"id\": 1} {\"id\": 2}")))
                .hasMessageStartingWith("tree t, key 01fe: value is not JSON: Trailing token");
    }

    @Test
    void rejectsAJsonValueWithANumberWhoseExponentNoDecimalHolds() {
        assertRejected(
                json,
                bytes("{\"id\": 1, \"x\": 1e2147483648}"),
                "tree t, key 01fe: number 1e2147483648 is out of range: its exponent is too large");
    }

    @Test
    void rejectsAJsonValueThatNamesAFieldTwice() {
        assertRejected(
                json, bytes("{\"id\": 2, \"id\": 3}"), "tree t, key 01fe: field 'id' appears twice in one object");
    }

    @Test
    void refusesAValueColumnNamedKey() {
        Schema clash = Schema.of(new Column("key", ColumnType.of(Kind.STRING), true));
        assertThatThrownBy(() -> new SledValueDecoder(SledValueFormat.JSON, clash))
                .hasMessage("value column 'key' clashes with the key column of a sled asset");
    }

    @Test
    void aJsonValueRefusedForAReasonNamesTheReason() {
        SledValueDecoder timestamps = new SledValueDecoder(
                SledValueFormat.JSON, Schema.of(new Column("at", ColumnType.of(Kind.TIMESTAMP_US), true)));

        assertRejected(
                timestamps,
                bytes("{\"at\": \"2016-12-31T23:59:60Z\"}"),
                "tree t, key 01fe: column 'at' expects timestamp_us, got \"2016-12-31T23:59:60Z\" (second 60 is a leap"
                        + " second, which a timestamp does not hold; PostgreSQL reads it as 00:00:00 of the next day)");
    }

    private static void assertRejected(SledValueDecoder decoder, byte[] value, String reason) {
        assertThatThrownBy(() -> decoder.row("t", KEY, value))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessage(reason);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
