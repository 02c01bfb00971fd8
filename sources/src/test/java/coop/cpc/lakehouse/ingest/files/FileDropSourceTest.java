package coop.cpc.lakehouse.ingest.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.ColumnType.Kind;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.RejectedRecord;
import coop.cpc.lakehouse.ingest.record.CollectingSink;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDropSourceTest {

    private static final Schema SCHEMA = Schema.of(
            new Column("id", ColumnType.of(Kind.INT64), false),
            new Column("name", ColumnType.of(Kind.STRING), true),
            new Column("amount", ColumnType.decimal(8, 2), true));

    @TempDir
    Path root;

    private Path dir;
    private DropDirectory drop;
    private FileDropSource source;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createDirectories(root.resolve("drop"));
        drop = new DropDirectory(dir, "*", new FileDropLimits(1 << 20, 1 << 20));
        source = new FileDropSource(SCHEMA, drop.limits());
    }

    private ClaimedFile dropped(String name, String content) throws Exception {
        return dropped(name, content.getBytes(UTF_8));
    }

    private ClaimedFile dropped(String name, byte[] content) throws Exception {
        Files.write(dir.resolve(name), content);
        return drop.claimNext().orElseThrow();
    }

    /** A file dropped, claimed and read (after skipping {@code skipRecords}) into a sink of its own. */
    private record Read(ClaimedFile claimed, FileReadResult result, CollectingSink sink) {}

    private Read read(String name, String content, long skipRecords) throws Exception {
        return read(name, content.getBytes(UTF_8), skipRecords);
    }

    private Read read(String name, byte[] content, long skipRecords) throws Exception {
        ClaimedFile claimed = dropped(name, content);
        CollectingSink sink = new CollectingSink();
        return new Read(claimed, source.read(claimed, skipRecords, sink), sink);
    }

    @Test
    void csvBadRowIsRejectedAndTheOthersKept() throws Exception {
        Read read = read("pay.csv", "id,name,amount\n1,ann,10.50\n2,bob,ten\n3,cy,\n", 0);

        assertThat(read.result().rows()).isEqualTo(2);
        assertThat(read.result().rejected()).isEqualTo(1);
        assertThat(read.sink().column(0)).containsExactly(1L, 3L);
        assertThat(read.sink().column(2)).containsExactly(new BigDecimal("10.50"), null);
        assertThat(read.sink().rejects)
                .containsExactly(new RejectedRecord(
                        read.claimed().sourceUri(),
                        "record 2, line 3",
                        "column 'amount' expects decimal(8,2), got \"ten\""));
    }

    @Test
    void csvEmptyUnquotedFieldIsNullAndQuotedEmptyFieldIsEmptyString() throws Exception {
        assertThat(read("e.csv", "id,name\r\n1,\r\n2,\"\"\r\n", 0).sink().column(1))
                .containsExactly(null, "");
    }

    @Test
    void csvWithByteOrderMarkAndQuotedNewlines() throws Exception {
        assertThat(read("bom.csv", "\uFEFFid,name\n1,\"two\nlines\"\n", 0)
                        .sink()
                        .column(1))
                .containsExactly("two\nlines");
    }

    @Test
    void brokenCsvQuotingInOneRecordRejectsThatRecordAndReadsOn() throws Exception {
        Read read = read("broken.csv", "id,name\n1,ok\n2,\"bro\"ken\n3,x\n", 0);

        assertThat(read.result().rows()).isEqualTo(2);
        assertThat(read.sink().column(0)).containsExactly(1L, 3L);
        assertThat(read.sink().rejects)
                .containsExactly(new RejectedRecord(
                        read.claimed().sourceUri(), "record 2, line 3", "text after the closing quote of field 2"));
    }

    @Test
    void unterminatedQuoteInTheLastRecordIsARejectedRecordNotABrokenFile() throws Exception {
        Read read = read("tail.csv", "id,name\n1,a\n2,b\n3,\"never closed\n", 0);

        assertThat(read.sink().column(0)).containsExactly(1L, 2L);
        assertThat(read.result().rejected()).isEqualTo(1);
        assertThat(read.sink().rejects.get(0).reason())
                .isEqualTo("a quoted field opened on line 4 is not closed at the end of the file");
        assertThat(read.sink().rejects.get(0).position()).isEqualTo("record 3, line 4");
    }

    @Test
    void aFileThatBreaksAfterGoodRowsSendsNoneOfThem() throws Exception {
        byte[] good = "id,name\n1,a\n2,b\n".getBytes(UTF_8);
        byte[] bad = "3,caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] both = Arrays.copyOf(good, good.length + bad.length);
        System.arraycopy(bad, 0, both, good.length, bad.length);
        CollectingSink sink = new CollectingSink();

        assertThatThrownBy(() -> source.read(dropped("late.csv", both), 0, sink))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("not valid UTF-8");
        assertThat(sink.rows).isEmpty();

        CollectingSink json = new CollectingSink();
        assertThatThrownBy(() -> source.read(dropped("late.ndjson", "{\"id\":1}\n{\"id\":2}\n{\"id\":\n"), 0, json))
                .isInstanceOf(MalformedFileException.class);
        assertThat(json.rows).isEmpty();
    }

    @Test
    void aRecordLongerThanTheLimitQuarantinesTheFileBeforeAnyRow() throws Exception {
        FileDropSource small = new FileDropSource(SCHEMA, new FileDropLimits(1 << 22, 1 << 22, 1024));
        CollectingSink sink = new CollectingSink();
        String csv = "id,name\n1,a\n2," + "x".repeat(4096) + "\n3,c\n";
        assertThatThrownBy(() -> small.read(dropped("long.csv", csv), 0, sink))
                .isInstanceOf(FileLimitExceededException.class)
                .hasMessage("long.csv line 3: record 2 is longer than 1024 characters (maxRecordBytes)");
        String ndjson = "{\"id\":1}\n{\"id\":2,\"name\":\"" + "x".repeat(200_000) + "\"}\n";
        assertThatThrownBy(() -> small.read(dropped("long.ndjson", ndjson), 0, sink))
                .isInstanceOf(FileLimitExceededException.class)
                .hasMessage("long.ndjson: record 2 is longer than 1024 bytes (maxRecordBytes)");
        assertThat(sink.rows).isEmpty();
    }

    @Test
    void gzipThatInflatesFarBeyondItsSizeIsABombByRatio() throws Exception {
        // 16 MiB of short, identical lines: under every size limit, but about 1000:1.
        byte[] bomb = gzip(("id,name\n" + "1,a\n".repeat(4 << 20)).getBytes(UTF_8));
        FileDropSource roomy = new FileDropSource(SCHEMA, new FileDropLimits(1 << 30, 1L << 32));
        CollectingSink sink = new CollectingSink();
        assertThatThrownBy(() -> roomy.read(dropped("ratio.csv.gz", bomb), 0, sink))
                .isInstanceOf(FileLimitExceededException.class)
                .hasMessage(
                        "ratio.csv.gz: decompresses more than 200 times its compressed size (a decompression bomb)");
        assertThat(sink.rows).isEmpty();
    }

    @Test
    void aStopRequestEndsTheScanOfALongFile() throws Exception {
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 0; i < 10_000; i++) {
            csv.append(i).append(",n\n");
        }
        ClaimedFile claimed = dropped("slow.csv", csv.toString());
        int[] asked = {0};
        FileDropSource stopping = new FileDropSource(SCHEMA, drop.limits(), () -> ++asked[0] > 2);
        CollectingSink sink = new CollectingSink();

        assertThatThrownBy(() -> stopping.read(claimed, 0, sink))
                .isInstanceOf(coop.cpc.lakehouse.ingest.ReadStoppedException.class)
                .hasMessage("reading slow.csv stopped: the run was asked to stop");
        assertThat(asked[0]).isEqualTo(3);
        assertThat(sink.rows).isEmpty();
    }

    @Test
    void csvHeaderWithoutRequiredColumnIsMalformed() throws Exception {
        assertThatThrownBy(() -> source.read(dropped("h.csv", "name,amount\nann,1\n"), 0, new CollectingSink()))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("h.csv line 1: header lacks required column(s) [id]; header is [name, amount]");
    }

    @Test
    void csvDuplicateHeaderIsMalformed() throws Exception {
        assertThatThrownBy(() -> source.read(dropped("d.csv", "id,id\n1,2\n"), 0, new CollectingSink()))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith("d.csv line 1: bad header: ");
    }

    @Test
    void invalidUtf8IsMalformed() throws Exception {
        byte[] bad = "id,name\n1,caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> source.read(dropped("l.csv", bad), 0, new CollectingSink()))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void readsNdjsonAndJsonArrayStreams() throws Exception {
        CollectingSink sink = new CollectingSink();
        source.read(dropped("a.ndjson", "{\"id\":1,\"amount\":2.5}\n\n{\"id\":2,\"name\":\"b\"}\n"), 0, sink);
        source.read(dropped("b.json", "[ {\"id\":3}, {\"id\":4, \"extra\":[1]} ]"), 0, sink);
        assertThat(sink.column(0)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(sink.rows.get(0)[2]).isEqualTo(new BigDecimal("2.50"));
    }

    @Test
    void jsonRecordRejectionsCarryRecordLineAndColumn() throws Exception {
        Read read = read("r.jsonl", "{\"id\":1}\n{\"id\":\"x\"}\n[1]\n", 0);
        assertThat(read.result().rows()).isEqualTo(1);
        assertThat(read.sink().rejects)
                .extracting(RejectedRecord::position, RejectedRecord::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "record 2, line 2, column 1", "column 'id' expects int64, got \"x\""),
                        org.assertj.core.groups.Tuple.tuple(
                                "record 3, line 3, column 1", "record is not a JSON object: [1]"));
    }

    @Test
    void numberWhoseExponentNoDecimalHoldsInAJsonArrayRejectsOnlyItsElement() throws Exception {
        Read read = read("h.json", "[{\"id\":1,\"name\":\"x\"},{\"id\":2,\"x\":-1.5e-2147483649},{\"id\":3}]", 0);

        assertThat(read.sink().column(0)).containsExactly(1L, 3L);
        assertThat(read.sink().rejects)
                .extracting(RejectedRecord::reason)
                .containsExactly("number -1.5e-2147483649 is out of range: its exponent is too large");
    }

    @Test
    void jsonRecordsThatAreNoTreeAreRejectedAndTheOthersRead() throws Exception {
        Read read = read(
                "notrees.ndjson",
                String.join(
                        "\n",
                        "{\"id\":1,\"name\":\"x\"}",
                        "{\"id\":2,\"name\":\"z\",\"x\":{\"y\":[1e2147483648, 5]}}",
                        "{\"id\":2,\"id\":3,\"name\":\"z\"}",
                        "{\"id\":4,\"o\":{\"a\":{\"b\":1},\"a\":{\"c\":[2]}},\"name\":\"w\"}",
                        "{\"id\":5}"),
                0);

        assertThat(read.sink().column(0)).containsExactly(1L, 5L);
        assertThat(read.sink().rejects)
                .extracting(r -> r.position() + ": " + r.reason())
                .containsExactly(
                        "record 2, line 2, column 1: number 1e2147483648 is out of range: its exponent is too large",
                        "record 3, line 3, column 1: field 'id' appears twice in one object",
                        "record 4, line 4, column 1: field 'a' appears twice in one object");
    }

    @Test
    void jsonStringLongerThanJacksonsDefaultLimitIsReadWhenTheRecordLimitAllowsIt() throws Exception {
        DropDirectory roomy =
                new DropDirectory(dir, "*", new FileDropLimits(1L << 30, 1L << 30, FileDropLimits.MAX_RECORD_BYTES));
        String longName = "y".repeat(21_000_000);
        Files.writeString(
                dir.resolve("long.ndjson"), "{\"id\":1,\"name\":\"x\"}\n{\"id\":2,\"name\":\"" + longName + "\"}\n");
        CollectingSink sink = new CollectingSink();

        new FileDropSource(SCHEMA, roomy.limits()).read(roomy.claimNext().orElseThrow(), 0, sink);

        assertThat(sink.column(0)).containsExactly(1L, 2L);
        assertThat(sink.column(1).get(1)).isEqualTo(longName);
        assertThat(sink.rejects).isEmpty();
    }

    @Test
    void jsonSyntaxErrorIsMalformedAndQuarantinedWithLineAndColumn() throws Exception {
        ClaimedFile claimed = dropped("bad.json", "[\n{\"id\":1},\n{\"id\": 2,,}\n]");
        MalformedFileException e =
                catchThrowableOfType(MalformedFileException.class, () -> source.read(claimed, 0, new CollectingSink()));
        QuarantinedFile q = drop.quarantine(claimed, e.getMessage());
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(10);
        assertThat(Files.readString(q.reasonFile()))
                .startsWith("bad.json line 3, column 10: Unexpected character (','");
    }

    @Test
    void unclosedJsonObjectIsQuarantinedWithAPlainReasonNamingWhereItOpened() throws Exception {
        ClaimedFile claimed = dropped("cut.ndjson", "{\"id\":1}\n{\"id\": 2,\n \"name\": \"b\"\n");
        MalformedFileException e =
                catchThrowableOfType(MalformedFileException.class, () -> source.read(claimed, 0, new CollectingSink()));
        QuarantinedFile q = drop.quarantine(claimed, e.getMessage());
        String reason = Files.readString(q.reasonFile());
        assertThat(reason)
                .startsWith("cut.ndjson line 4, column 1: ")
                .contains("unexpected end of input: the object opened at line 2, column 1 is not closed")
                .doesNotContain("Source")
                .doesNotContain("REDACTED")
                .doesNotContain("StreamReadFeature");
    }

    @Test
    void jsonFileMustHoldATopLevelArray() throws Exception {
        assertThatThrownBy(() -> source.read(dropped("o.json", "{\"id\":1}"), 0, new CollectingSink()))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("o.json line 1, column 1: expected a top-level array of objects, found {");
        assertThatThrownBy(() -> source.read(dropped("u.json", "[{\"id\":1}"), 0, new CollectingSink()))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("u.json line 1");
    }

    @Test
    void readsGzipCompressedFiles() throws Exception {
        assertThat(read("z.csv.gz", gzip("id,name\n7,zed\n".getBytes(UTF_8)), 0)
                        .sink()
                        .column(1))
                .containsExactly("zed");
    }

    @Test
    void gzipBombIsRefusedAtTheDecompressedLimit() throws Exception {
        // 8 MiB of zero bytes: a CSV header field that never ends, about 8 KiB compressed.
        byte[] bomb = gzip(new byte[8 << 20]);
        assertThat(bomb.length).isLessThan(64 * 1024);
        ClaimedFile claimed = dropped("bomb.csv.gz", bomb);

        FileLimitExceededException e = catchThrowableOfType(
                FileLimitExceededException.class, () -> source.read(claimed, 0, new CollectingSink()));
        drop.quarantine(claimed, e.getMessage());

        assertThat(e).hasMessage("bomb.csv.gz: decompressed size exceeds 1048576 bytes");
        assertThat(Files.readString(dir.resolve("quarantine/bomb.csv.gz.reason")))
                .isEqualTo("bomb.csv.gz: decompressed size exceeds 1048576 bytes\n");
    }

    @Test
    void corruptGzipIsMalformed() throws Exception {
        byte[] zipped = gzip("id\n1\n2\n3\n".getBytes(UTF_8));
        byte[] truncated = Arrays.copyOf(zipped, zipped.length - 12);
        assertThatThrownBy(() -> source.read(dropped("t.csv.gz", truncated), 0, new CollectingSink()))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith("t.csv.gz: corrupt gzip data");
        assertThatThrownBy(() -> source.read(dropped("n.csv.gz", "plain"), 0, new CollectingSink()))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith("n.csv.gz: not gzip data");
    }

    @Test
    void unsupportedExtensionIsRefused() throws Exception {
        assertThatThrownBy(() -> source.read(dropped("x.xml", "<a/>"), 0, new CollectingSink()))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("unsupported file type");
    }

    @Test
    void resumingFromACheckpointSkipsExactlyTheCommittedRecords() throws Exception {
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 1; i <= 10; i++) {
            csv.append(i).append(',').append(i == 4 ? "\"x\"\"y\"" : "n" + i).append('\n');
        }
        csv.insert(csv.indexOf("\n6,") + 1, "bad,row\n");
        ClaimedFile claimed = dropped("resume.csv", csv.toString());

        CollectingSink firstRun = new CollectingSink();
        FileCheckpoint committed;
        try (FileRecordReader reader = source.open(claimed, 0)) {
            for (int i = 0; i < 7; i++) {
                assertThat(reader.readNext(firstRun)).isTrue();
            }
            committed = reader.checkpoint();
        }
        assertThat(committed.recordIndex()).isEqualTo(7);

        ClaimedFile again = new DropDirectory(dir, "*", drop.limits()).reclaim(committed.claimName());
        CollectingSink secondRun = new CollectingSink();
        FileReadResult rest = source.read(again, committed.recordIndex(), secondRun);

        assertThat(rest.skipped()).isEqualTo(7);
        List<Object> ids = new ArrayList<>(firstRun.column(0));
        ids.addAll(secondRun.column(0));
        assertThat(ids).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(firstRun.rejects).hasSize(1);
        assertThat(secondRun.rejects).isEmpty();
        assertThat(firstRun.rows.get(3)[1]).isEqualTo("x\"y");
    }

    @Test
    void resumingJsonFromACheckpointSkipsExactlyTheCommittedRecords() throws Exception {
        Read read = read("r.json", "[{\"id\":1},{\"id\":2,\"n\":{\"deep\":[1]}},{\"id\":3},{\"id\":4}]", 2);
        assertThat(read.result().skipped()).isEqualTo(2);
        assertThat(read.sink().column(0)).containsExactly(3L, 4L);
    }

    @Test
    void checkpointBeyondTheEndOfTheFileIsAnError() throws Exception {
        ClaimedFile claimed = dropped("short.ndjson", "{\"id\":1}\n");
        assertThatThrownBy(() -> source.read(claimed, 5, new CollectingSink()))
                .hasMessage("short.ndjson: checkpoint says 5 records were read, the file has 1");
    }

    @Test
    void reportsTheColumnMappingItUsed() throws Exception {
        FileReadResult result = source.read(dropped("m.csv", "id,color\n1,red\n"), 0, new CollectingSink());
        assertThat(result.mapping().mappings())
                .extracting(m -> m.column() + "<-" + m.sourceField())
                .containsExactly("id<-id");
        assertThat(result.mapping().unmappedFields()).containsExactly("color");
    }

    private static byte[] gzip(byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }
}
