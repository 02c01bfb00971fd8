package coop.cpc.lakehouse.ingest.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.ColumnType.Kind;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.record.CollectingSink;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in a 64 MiB heap (surefire execution {@code small-heap}): a gzip file whose content is one
 * 512 MiB line, under every size limit, used to end in OutOfMemoryError. With the default limits
 * it is refused at the record limit, with no row sent.
 */
class OneHugeLineSmallHeapTest {

    private static final Schema SCHEMA = Schema.of(
            new Column("id", ColumnType.of(Kind.INT64), false), new Column("name", ColumnType.of(Kind.STRING), true));

    @TempDir
    Path root;

    @Test
    void oneHugeLineIsRefusedWithinASmallHeap() throws Exception {
        assumeTrue(Runtime.getRuntime().maxMemory() < 100L << 20, "proves something only in the small-heap execution");
        Path dir = Files.createDirectories(root.resolve("drop"));
        for (String name : new String[] {"huge.csv.gz", "huge.ndjson.gz"}) {
            writeOneHugeLine(
                    dir.resolve(name), name.contains("csv") ? "id,name\n1," : "{\"id\":1,\"name\":\"", 512 << 20);
        }
        DropDirectory drop = new DropDirectory(dir, "*.gz", FileDropLimits.defaults());
        FileDropSource source = new FileDropSource(SCHEMA, drop.limits());
        CollectingSink sink = new CollectingSink();

        ClaimedFile csv = drop.claimNext().orElseThrow();
        assertThatThrownBy(() -> source.read(csv, 0, sink))
                .isInstanceOf(FileLimitExceededException.class)
                .hasMessageContaining("is longer than 1048576");
        ClaimedFile ndjson = drop.claimNext().orElseThrow();
        assertThatThrownBy(() -> source.read(ndjson, 0, sink))
                .isInstanceOf(FileLimitExceededException.class)
                .hasMessageContaining("is longer than 1048576");
        assertThat(sink.rows).isEmpty();
    }

    private static void writeOneHugeLine(Path file, String head, int length) throws Exception {
        byte[] block = new byte[1 << 20];
        Arrays.fill(block, (byte) 'a');
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            out.write(head.getBytes(UTF_8));
            for (int written = 0; written < length; written += block.length) {
                out.write(block);
            }
            out.write('\n');
        }
    }
}
