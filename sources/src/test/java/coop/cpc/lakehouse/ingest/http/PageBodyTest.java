package coop.cpc.lakehouse.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import coop.cpc.lakehouse.ingest.record.ExactJson;
import coop.cpc.lakehouse.ingest.record.RecordRejectedException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A page read without its tree finds what the tree finds. */
class PageBodyTest {

    /** The tree of a page whose objects may repeat a name: the last value wins. */
    private static final ObjectReader LENIENT =
            ExactJson.mapper().reader().without(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /** A record keeps each number's text (NumberTextNode), the mapper's tree its value: equal when the values are. */
    private static final Comparator<JsonNode> SAME_NUMBER_VALUE =
            (a, b) -> a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    private static boolean repeatsAName(String text) throws Exception {
        try {
            ExactJson.mapper().readTree(bytes(text));
            return false;
        } catch (MismatchedInputException e) {
            return true;
        }
    }

    @Test
    void findsWhatTheTreeFindsInRandomDocuments() throws Exception {
        Random random = new Random(20261206);
        String[] pointers = {"", "/a", "/b", "/a/b", "/a/0", "/b/1/a", "/0", "/a/a/a", "/c~1d", "/1/b"};
        for (int i = 0; i < 3000; i++) {
            String json = value(random, 0);
            String text = (random.nextInt(4) == 0 ? " \n" : "") + json + (random.nextInt(4) == 0 ? " [1" : "");
            JsonNode tree = LENIENT.readTree(bytes(text));
            boolean repeatsAName = repeatsAName(text);
            PageBody body = PageBody.read(bytes(text));
            for (String p : pointers) {
                JsonPointer pointer = JsonPointer.compile(p);
                JsonNode expected = tree.at(pointer);
                JsonToken kind = body.kindAt(pointer);
                String where = json + " at '" + p + "'";
                assertThat(kind == null).as(where).isEqualTo(expected.isMissingNode());
                if (kind == null) {
                    continue;
                }
                assertThat(kind.isStructStart()).as(where).isEqualTo(expected.isContainerNode());
                if (kind == JsonToken.START_ARRAY) {
                    PageBody.Records records = body.recordsAt(pointer);
                    assertThat(records.size()).as(where).isEqualTo(expected.size());
                    for (int r = 0; r < records.size(); r++) {
                        try {
                            JsonNode record = records.get(r);
                            assertThat(record.equals(SAME_NUMBER_VALUE, expected.get(r)))
                                    .as(where + ", record " + r + ": " + record)
                                    .isTrue();
                        } catch (RecordRejectedException e) {
                            // a record that repeats a name is rejected; the records after it are still read
                            assertThat(repeatsAName).as(where + ", record " + r).isTrue();
                            assertThat(e).hasMessageEndingWith("appears twice in one object");
                        }
                    }
                } else if (!kind.isStructStart()) {
                    assertThat(body.scalarTextAt(pointer))
                            .as(where)
                            .isEqualTo(expected.isNull() ? null : expected.asText());
                }
            }
        }
    }

    @Test
    void aRepeatedNameMeansItsLastValueAsInATree() throws Exception {
        PageBody body = PageBody.read(bytes("{\"data\": [1], \"next\": \"x\", \"data\": [2, 3], \"next\": \"y\"}"));

        PageBody.Records records = body.recordsAt(JsonPointer.compile("/data"));

        assertThat(records.size()).isEqualTo(2);
        assertThat(records.get(0).asInt()).isEqualTo(2);
        assertThat(records.get(1).asInt()).isEqualTo(3);
        assertThat(body.scalarTextAt(JsonPointer.compile("/next"))).isEqualTo("y");
    }

    @Test
    void readsRecordsOutOfOrderAndAgain() throws Exception {
        PageBody.Records records = PageBody.read(bytes("{\"d\": [{\"i\": 0}, {\"i\": 1}, {\"i\": 2}]}"))
                .recordsAt(JsonPointer.compile("/d"));

        assertThat(records.get(2).get("i").asInt()).isEqualTo(2);
        assertThat(records.get(0).get("i").asInt()).isEqualTo(0);
        assertThat(records.get(1).get("i").asInt()).isEqualTo(1);
        assertThat(records.get(2).get("i").asInt()).isEqualTo(2);
        assertThatThrownBy(() -> records.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void keepsTheExactDigitsOfDecimals() throws Exception {
        PageBody.Records records = PageBody.read(bytes("[1.10, 2.500]")).recordsAt(JsonPointer.compile(""));

        assertThat(records.get(0).decimalValue().toPlainString()).isEqualTo("1.10");
        assertThat(records.get(1).decimalValue().toPlainString()).isEqualTo("2.500");
    }

    @Test
    void readsUtf16AndUtf8WithAByteOrderMark() throws Exception {
        String json = "{\"d\": [\"é\", \"\uD83D\uDE00\"]}";
        for (byte[] bytes : List.of(
                ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_16BE),
                json.getBytes(StandardCharsets.UTF_16LE),
                json.getBytes(StandardCharsets.UTF_16))) {
            PageBody.Records records = PageBody.read(bytes).recordsAt(JsonPointer.compile("/d"));

            assertThat(records.size()).isEqualTo(2);
            assertThat(records.get(0).asText()).isEqualTo("é");
            assertThat(records.get(1).asText()).isEqualTo("\uD83D\uDE00");
        }
    }

    @Test
    void aUtf32BodyKeepsExactNumbersTheLastOfARepeatedNameAndOnlyItsFirstRootValue() throws Exception {
        String json = "{\"d\": [1.10, 12345678901234567890123], \"d\": [2.500, true, null]} {\"e\": 1}";
        PageBody body = PageBody.read(json.getBytes(java.nio.charset.Charset.forName("UTF-32BE")));
        PageBody.Records records = body.recordsAt(JsonPointer.compile("/d"));

        assertThat(records.size()).isEqualTo(3);
        assertThat(records.get(0).decimalValue().toPlainString()).isEqualTo("2.500");
        assertThat(records.get(1).asBoolean()).isTrue();
        assertThat(records.get(2).isNull()).isTrue();
        assertThat(body.kindAt(JsonPointer.compile("/e"))).isNull();
        assertThat(PageBody.read("[12345678901234567890123]".getBytes(StandardCharsets.UTF_16LE))
                        .recordsAt(JsonPointer.compile(""))
                        .get(0)
                        .bigIntegerValue())
                .hasToString("12345678901234567890123");
    }

    @Test
    void refusesWhatTheTreeRefuses() {
        for (String bad :
                List.of("{\"d\": [1, 2}", "{\"d\": [1, 2]", "<html>", "{\"d\": \"\u0001\"}", "[1, 2,]", "{\"a\" 1}")) {
            assertThatThrownBy(() -> ExactJson.mapper().readTree(bad)).isInstanceOf(JsonProcessingException.class);
            assertThatThrownBy(() -> PageBody.read(bytes(bad))).as(bad).isInstanceOf(JsonProcessingException.class);
        }
        byte[] brokenUtf8 = {'[', '"', (byte) 0xC3, '"', ']'};
        assertThatThrownBy(() -> ExactJson.mapper().readTree(brokenUtf8)).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> PageBody.read(brokenUtf8)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void anEmptyBodyHoldsNoValue() throws Exception {
        assertThat(PageBody.read(new byte[0])).isNull();
        assertThat(PageBody.read(bytes(" \n "))).isNull();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String value(Random random, int depth) {
        int kind = depth >= 4 ? 3 + random.nextInt(5) : random.nextInt(8);
        switch (kind) {
            case 0, 1 -> {
                StringBuilder s = new StringBuilder("{");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    s.append(i == 0 ? "" : ", ")
                            .append('"')
                            .append(new String[] {"a", "b", "c/d", "0", "1", "é"}[random.nextInt(6)])
                            .append("\": ")
                            .append(value(random, depth + 1));
                }
                return s.append('}').toString();
            }
            case 2 -> {
                StringBuilder s = new StringBuilder("[");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    s.append(i == 0 ? "" : ",").append(value(random, depth + 1));
                }
                return s.append(']').toString();
            }
            case 3 -> {
                return "\"" + new String[] {"", "x", "a\\\"b", "\\u00e9", "\uD83D\uDE00", "1"}[random.nextInt(6)]
                        + "\"";
            }
            case 4 -> {
                return new String[] {"0", "-12", "1.50", "1e3", "123456789012345678901234567890"}[random.nextInt(5)];
            }
            case 5 -> {
                return random.nextBoolean() ? "true" : "false";
            }
            default -> {
                return "null";
            }
        }
    }
}
