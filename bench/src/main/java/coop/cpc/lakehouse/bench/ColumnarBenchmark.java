package coop.cpc.lakehouse.bench;

import com.github.luben.zstd.Zstd;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.SchemaJson;
import coop.cpc.lakehouse.columnar.SegmentWriter;
import coop.cpc.lakehouse.columnar.Values;
import coop.cpc.lakehouse.columnar.WebmColumnar;
import coop.cpc.lakehouse.columnar.csv.CsvWriter;
import coop.cpc.lakehouse.columnar.testdata.Dataset;
import coop.cpc.lakehouse.columnar.testdata.Datasets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Segment size and speed against Parquet (zstd, written and read by DuckDB on one thread) and
 * zstd -19 on the plain values, on generated vital-sign, finance and CRM data. Prints one
 * {@code RATIO <name> <value>} line per figure; writes each dataset as CSV + schema JSON to the
 * directory given as first argument, for the CLI round trip in docs/benchmarks.md.
 */
public final class ColumnarBenchmark {
    private static final int ROWS = 262_144;
    /** Untimed runs first: the JIT needs a few runs to compile the codec's hot loops. */
    private static final int WARMUP = 3;

    private static final int REPEATS = 5;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private ColumnarBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench-data");
        Files.createDirectories(dir);
        // -Dbench.datasets=finance,crm runs a subset (all three by default).
        List<String> only = List.of(
                System.getProperty("bench.datasets", "vitals,finance,crm").split(","));
        for (Dataset d : List.of(Datasets.vitals(ROWS), Datasets.finance(ROWS), Datasets.crm(ROWS))) {
            if (only.contains(d.name())) {
                run(d, dir);
            }
        }
    }

    private static void run(Dataset d, Path dir) throws Exception {
        writeCsv(d, dir);
        double raw = d.rawBytes();

        byte[] segment = null;
        long encodeNanos = Long.MAX_VALUE;
        long encodeCpu = Long.MAX_VALUE;
        for (int i = 0; i < WARMUP; i++) {
            encode(d);
            WebmColumnar.read(encode(d)).columns();
        }
        for (int i = 0; i < REPEATS; i++) {
            long c0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            segment = encode(d);
            encodeNanos = Math.min(encodeNanos, System.nanoTime() - t0);
            encodeCpu = Math.min(encodeCpu, CPU.getCurrentThreadCpuTime() - c0);
        }
        long decodeNanos = Long.MAX_VALUE;
        long decodeCpu = Long.MAX_VALUE;
        for (int i = 0; i < REPEATS; i++) {
            long c0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            List<Object[]> cols = WebmColumnar.read(segment).columns();
            decodeNanos = Math.min(decodeNanos, System.nanoTime() - t0);
            decodeCpu = Math.min(decodeCpu, CPU.getCurrentThreadCpuTime() - c0);
            if (cols.get(0).length != d.rows()) {
                throw new IllegalStateException("decoded " + cols.get(0).length + " rows");
            }
        }
        Files.write(dir.resolve(d.name() + ".webm"), segment);
        long[][] blockSizes = WebmColumnar.read(segment).blockSizes();
        // Parallel figures (wall time): frames (track, row group) on two threads for both directions.
        long encode2Nanos = Long.MAX_VALUE;
        long decode2Nanos = Long.MAX_VALUE;
        for (int i = 0; i < REPEATS; i++) {
            long t0 = System.nanoTime();
            encode(d, 2);
            encode2Nanos = Math.min(encode2Nanos, System.nanoTime() - t0);
            t0 = System.nanoTime();
            WebmColumnar.read(segment).threads(2).columns();
            decode2Nanos = Math.min(decode2Nanos, System.nanoTime() - t0);
        }
        // Per column, one thread, CPU time: numeric columns through the primitive read API (no boxing),
        // strings as values.
        double[] columnDecodeNanos = new double[d.schema().size()];
        for (int c = 0; c < columnDecodeNanos.length; c++) {
            String name = d.schema().column(c).name();
            boolean primitive = !d.schema().column(c).type().isBinaryLike();
            long best = Long.MAX_VALUE;
            for (int i = 0; i < WARMUP + REPEATS; i++) {
                long c0 = CPU.getCurrentThreadCpuTime();
                if (primitive) {
                    WebmColumnar.read(segment).primitives(name);
                } else {
                    WebmColumnar.read(segment).project(name).columns();
                }
                long t = CPU.getCurrentThreadCpuTime() - c0;
                if (i >= WARMUP) {
                    best = Math.min(best, t);
                }
            }
            columnDecodeNanos[c] = best;
        }

        Path parquet = dir.resolve(d.name() + ".parquet");
        Map<String, Long> parquetColumns = new HashMap<>();
        long[] parquetNanos = parquet(d, parquet, parquetColumns);
        long parquetSize = Files.size(parquet);

        long zstdTotal = 0;
        String p = d.name() + ".";
        for (int c = 0; c < d.schema().size(); c++) {
            String name = d.schema().column(c).name();
            long ours = 0;
            for (long s : blockSizes[c]) {
                ours += s;
            }
            long zstd = Zstd.compress(plain(d, c), 19).length;
            zstdTotal += zstd;
            double rawCol = d.rawBytes(c);
            print(p + name + ".webm_vs_parquet_zstd", ours / (double) parquetColumns.get(name));
            print(p + name + ".webm_vs_zstd19", ours / (double) zstd);
            print(p + name + ".compression.webm", rawCol / ours);
            print(p + name + ".compression.parquet_zstd", rawCol / parquetColumns.get(name));
            print(p + name + ".compression.zstd19", rawCol / zstd);
            print(p + name + ".decode_cpu_mb_s.webm", mbPerSecond(rawCol, (long) columnDecodeNanos[c]));
            print(p + name + ".decode_cpu_ns_per_value.webm", columnDecodeNanos[c] / d.rows());
        }
        print(p + "total.webm_vs_parquet_zstd", segment.length / (double) parquetSize);
        print(p + "total.webm_vs_zstd19", segment.length / (double) zstdTotal);
        print(p + "total.compression.webm", raw / segment.length);
        print(p + "total.compression.parquet_zstd", raw / parquetSize);
        print(p + "total.compression.zstd19", raw / zstdTotal);
        print(p + "encode_mb_s.webm", mbPerSecond(raw, encodeNanos));
        print(p + "encode_mb_s.parquet_zstd", mbPerSecond(raw, parquetNanos[0]));
        print(p + "decode_mb_s.webm", mbPerSecond(raw, decodeNanos));
        print(p + "decode_mb_s.parquet_zstd", mbPerSecond(raw, parquetNanos[1]));
        // The same runs in the thread's CPU time: on a shared machine it moves far less than wall time.
        print(p + "encode_cpu_mb_s.webm", mbPerSecond(raw, encodeCpu));
        print(p + "decode_cpu_mb_s.webm", mbPerSecond(raw, decodeCpu));
        print(p + "encode_mb_s_2_threads.webm", mbPerSecond(raw, encode2Nanos));
        print(p + "decode_mb_s_2_threads.webm", mbPerSecond(raw, decode2Nanos));
    }

    private static void print(String name, double value) {
        System.out.println("RATIO " + name + " " + String.format(Locale.ROOT, "%.3f", value));
    }

    private static double mbPerSecond(double bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }

    private static byte[] encode(Dataset d) throws IOException {
        return encode(d, 1);
    }

    private static byte[] encode(Dataset d, int threads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SegmentWriter w = WebmColumnar.write(out)
                .schema(d.schema())
                .title(d.name())
                .threads(threads)
                .build()) {
            Object[] row = new Object[d.schema().size()];
            for (int r = 0; r < d.rows(); r++) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = d.columns().get(c)[r];
                }
                w.add(row);
            }
        }
        return out.toByteArray();
    }

    private static void writeCsv(Dataset d, Path dir) throws IOException {
        Files.writeString(dir.resolve(d.name() + ".schema.json"), SchemaJson.format(d.schema()));
        try (Writer w = Files.newBufferedWriter(dir.resolve(d.name() + ".csv"), StandardCharsets.UTF_8)) {
            CsvWriter csv = new CsvWriter(w, d.schema());
            Object[] row = new Object[d.schema().size()];
            for (int r = 0; r < d.rows(); r++) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = d.columns().get(c)[r];
                }
                csv.row(row);
            }
        }
    }

    /** The column's plain little-endian values (strings: 4-byte length + UTF-8), as Parquet PLAIN. */
    private static byte[] plain(Dataset d, int c) {
        ColumnType t = d.schema().column(c).type();
        ByteBuffer b = ByteBuffer.allocate((int) d.rawBytes(c) + 4 * d.rows()).order(ByteOrder.LITTLE_ENDIAN);
        for (Object v : d.columns().get(c)) {
            switch (t.kind()) {
                case INT32 -> b.putInt((Integer) v);
                case FLOAT64 -> b.putDouble((Double) v);
                case STRING -> {
                    byte[] s = ((String) v).getBytes(StandardCharsets.UTF_8);
                    b.putInt(s.length).put(s);
                }
                default -> b.putLong(Values.toLong(t, v));
            }
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    /** Writes and reads the Parquet file with DuckDB on one thread; returns {write, read} nanos. */
    private static long[] parquet(Dataset d, Path file, Map<String, Long> columnSizes) throws Exception {
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = conn.createStatement()) {
            st.execute("SET threads = 1");
            StringBuilder stage = new StringBuilder("CREATE TABLE stage (");
            StringBuilder select = new StringBuilder("CREATE TABLE t AS SELECT ");
            for (int c = 0; c < d.schema().size(); c++) {
                String name = d.schema().column(c).name();
                ColumnType.Kind k = d.schema().column(c).type().kind();
                String sep = c == 0 ? "" : ", ";
                stage.append(sep)
                        .append(name)
                        .append(
                                switch (k) {
                                    case INT32 -> " INTEGER";
                                    case FLOAT64 -> " DOUBLE";
                                    case STRING -> " VARCHAR";
                                    default -> " BIGINT";
                                });
                select.append(sep)
                        .append(
                                switch (k) {
                                    case TIMESTAMP_MS -> "epoch_ms(" + name + ")";
                                    case TIMESTAMP_US -> "make_timestamp(" + name + ")";
                                    default -> name;
                                })
                        .append(" AS ")
                        .append(name);
            }
            st.execute(stage.append(")").toString());
            try (DuckDBAppender a =
                    ((DuckDBConnection) conn).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "stage")) {
                for (int r = 0; r < d.rows(); r++) {
                    a.beginRow();
                    for (int c = 0; c < d.schema().size(); c++) {
                        ColumnType t = d.schema().column(c).type();
                        Object v = d.columns().get(c)[r];
                        switch (t.kind()) {
                            case INT32 -> a.append((int) (Integer) v);
                            case FLOAT64 -> a.append((double) (Double) v);
                            case STRING -> a.append((String) v);
                            default -> a.append(Values.toLong(t, v));
                        }
                    }
                    a.endRow();
                }
            }
            st.execute(select.append(" FROM stage").toString());
            long write = Long.MAX_VALUE;
            long read = Long.MAX_VALUE;
            String path = file.toAbsolutePath().toString().replace("'", "''");
            for (int i = 0; i < REPEATS; i++) {
                Files.deleteIfExists(file);
                long t0 = System.nanoTime();
                st.execute("COPY t TO '" + path + "' (FORMAT PARQUET, COMPRESSION ZSTD, ROW_GROUP_SIZE 65536)");
                write = Math.min(write, System.nanoTime() - t0);
                t0 = System.nanoTime();
                st.execute("CREATE OR REPLACE TABLE r AS SELECT * FROM read_parquet('" + path + "')");
                read = Math.min(read, System.nanoTime() - t0);
            }
            try (ResultSet rs =
                    st.executeQuery("SELECT path_in_schema, sum(total_compressed_size) FROM parquet_metadata('" + path
                            + "') GROUP BY 1")) {
                while (rs.next()) {
                    columnSizes.put(rs.getString(1), rs.getLong(2));
                }
            }
            return new long[] {write, read};
        }
    }
}
