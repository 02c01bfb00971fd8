package coop.cpc.lakehouse.bench;

import coop.cpc.lakehouse.adapter.crm.CohortAnalyzer;
import coop.cpc.lakehouse.adapter.crm.CohortPeriod;
import coop.cpc.lakehouse.adapter.crm.CohortReport;
import coop.cpc.lakehouse.adapter.crm.ExternalSorter;
import coop.cpc.lakehouse.adapter.crm.Interaction;
import coop.cpc.lakehouse.application.table.SegmentScan;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.SegmentWriter;
import coop.cpc.lakehouse.columnar.WebmColumnar;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Monthly cohort retention over {@code bench.cohort.rows} interactions (default 10,000,000): the CRM
 * adapter's path (segments read with projection, the spilling external sort, CohortAnalyzer) against
 * the same query in DuckDB on a Parquet copy of the same rows, one thread each, in the same run. The
 * results must be equal. Prints one {@code RATIO <name> <value>} line per figure; run it with a heap
 * far smaller than the data (the pom gives -Xmx512m) to show memory stays bounded.
 */
public final class CohortBenchmark {
    private static final int SEGMENT_ROWS = 1_048_576;
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final long SPAN_MICROS = 730L * 86_400_000_000L;

    private CohortBenchmark() {}

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("bench.cohort.rows", 10_000_000L);
        Path dir = Path.of(args.length > 0 ? args[0] : "target/cohort-data");
        Files.createDirectories(dir);
        long customers = Math.max(1, rows / 10);
        Schema schema = new Schema(List.of(
                new Column("customer_id", ColumnType.parse("string"), false),
                new Column("timestamp", ColumnType.parse("timestamp_ms"), false)));
        Path parquet = dir.resolve("interactions.parquet");
        List<Path> segments = new ArrayList<>();
        long t0 = System.nanoTime();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = duck.createStatement()) {
            st.execute("SET threads = 1");
            st.execute("CREATE TABLE stage (customer_id VARCHAR, us BIGINT)");
            Random random = new Random(16);
            try (DuckDBAppender appender =
                    ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "stage")) {
                for (long from = 0; from < rows; from += SEGMENT_ROWS) {
                    Path file = dir.resolve("segment-" + segments.size() + ".webm");
                    segments.add(file);
                    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
                            SegmentWriter writer = WebmColumnar.write(out)
                                    .schema(schema)
                                    .threads(2)
                                    .build()) {
                        for (long r = from; r < Math.min(rows, from + SEGMENT_ROWS); r++) {
                            String customer = String.format(Locale.ROOT, "c%08d", random.nextLong(customers));
                            // Whole milliseconds: what a timestamp_ms column holds.
                            long micros = (START.toEpochMilli() + random.nextLong(SPAN_MICROS / 1000)) * 1000;
                            writer.add(customer, Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1000));
                            appender.beginRow();
                            appender.append(customer);
                            appender.append(micros);
                            appender.endRow();
                        }
                    }
                }
            }
            st.execute("COPY (SELECT customer_id, make_timestamp(us) AS ts FROM stage) TO '" + sql(parquet)
                    + "' (FORMAT PARQUET, COMPRESSION ZSTD, ROW_GROUP_SIZE 65536)");
            st.execute("DROP TABLE stage");
        }
        System.out.printf(
                Locale.ROOT,
                "prepared %d interactions of %d customers in %d segments + Parquet in %.1f s%n",
                rows,
                customers,
                segments.size(),
                (System.nanoTime() - t0) / 1e9);

        PeakHeap peak = new PeakHeap();
        peak.start();
        long oursStart = System.nanoTime();
        Map<String, long[]> ours = ours(segments, dir.resolve("spill"));
        double oursSeconds = (System.nanoTime() - oursStart) / 1e9;
        peak.finish();

        long duckStart = System.nanoTime();
        Map<String, long[]> duck = duckdb(parquet);
        double duckSeconds = (System.nanoTime() - duckStart) / 1e9;

        if (!equal(ours, duck)) {
            throw new IllegalStateException(
                    "the cohort matrices differ: ours " + describe(ours) + " vs DuckDB " + describe(duck));
        }
        long segmentBytes = 0;
        for (Path s : segments) {
            segmentBytes += Files.size(s);
        }
        System.out.printf(
                Locale.ROOT,
                "cohorts: %d, interactions %d, segments %.1f MB, Parquet %.1f MB, heap limit %d MB%n",
                ours.size(),
                rows,
                segmentBytes / 1e6,
                Files.size(parquet) / 1e6,
                Runtime.getRuntime().maxMemory() >> 20);
        print("cohort.ours_seconds", oursSeconds);
        print("cohort.duckdb_seconds", duckSeconds);
        print("cohort.ours_vs_duckdb_time", oursSeconds / duckSeconds);
        print("cohort.ours_rows_per_s", rows / oursSeconds);
        print("cohort.ours_peak_heap_mb", peak.peak() / 1e6);
        print(
                "cohort.ours_peak_heap_vs_heap_limit",
                (double) peak.peak() / Runtime.getRuntime().maxMemory());
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().startsWith("segment-"))
                    .forEach(p -> p.toFile().delete());
        }
    }

    /** The adapter's path: each segment read with projection, the spilling sort, one pass of CohortAnalyzer. */
    private static Map<String, long[]> ours(List<Path> segments, Path spill) throws Exception {
        List<Column> output = List.of(
                new Column("customer_id", ColumnType.parse("string"), false),
                new Column("timestamp", ColumnType.parse("timestamp_ms"), false));
        CohortReport report;
        long t0 = System.nanoTime();
        try (ExternalSorter<Interaction> sorter =
                new ExternalSorter<>(Interaction.JOURNEY_ORDER, Interaction.CODEC, 200_000, spill)) {
            long sequence = 0;
            long scan = 0;
            for (Path segment : segments) {
                long s0 = System.nanoTime();
                List<Object[]> read = SegmentScan.rows(segment, output, List.of());
                scan += System.nanoTime() - s0;
                for (Object[] row : read) {
                    Instant at = (Instant) row[1];
                    sorter.add(new Interaction(
                            (String) row[0],
                            at.getEpochSecond() * 1_000_000 + at.getNano() / 1000,
                            null,
                            null,
                            null,
                            null,
                            sequence++));
                }
            }
            long t1 = System.nanoTime();
            CohortAnalyzer analyzer = new CohortAnalyzer(CohortPeriod.MONTH);
            for (Iterator<Interaction> it = sorter.sorted(); it.hasNext(); ) {
                Interaction i = it.next();
                analyzer.accept(i.customerId(), i.epochMicros());
            }
            report = analyzer.finish();
            System.out.printf(
                    Locale.ROOT,
                    "ours: segment scans %.1f s, sort input and spills %.1f s, merge and cohorts %.1f s; sort runs"
                            + " spilled: %d%n",
                    scan / 1e9,
                    (t1 - t0 - scan) / 1e9,
                    (System.nanoTime() - t1) / 1e9,
                    sorter.runs());
        }
        Map<String, long[]> matrix = new TreeMap<>();
        for (CohortReport.Cohort c : report.cohorts()) {
            long[] counts = new long[c.active().size() + 1];
            counts[0] = c.size();
            for (int p = 0; p < c.active().size(); p++) {
                counts[p + 1] = c.active().get(p);
            }
            matrix.put(c.label(), counts);
        }
        return matrix;
    }

    /** The same definitions in SQL (docs/adapters.md): cohort = first month, active = distinct customers per month offset. */
    private static Map<String, long[]> duckdb(Path parquet) throws Exception {
        String p = "read_parquet('" + sql(parquet) + "')";
        String query = "WITH months AS (SELECT DISTINCT customer_id, date_trunc('month', ts) AS m FROM " + p + "), "
                + "firsts AS (SELECT customer_id, min(m) AS cohort FROM months GROUP BY customer_id), "
                + "last AS (SELECT max(m) AS last FROM months) "
                + "SELECT strftime(f.cohort, '%Y-%m') AS cohort, "
                + "(year(x.m) - year(f.cohort)) * 12 + month(x.m) - month(f.cohort) AS offs, count(*) AS active, "
                + "(year(l.last) - year(f.cohort)) * 12 + month(l.last) - month(f.cohort) AS span "
                + "FROM months x JOIN firsts f USING (customer_id), last l GROUP BY 1, 2, 4 ORDER BY 1, 2";
        Map<String, long[]> matrix = new TreeMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = duck.createStatement()) {
            st.execute("SET threads = 1");
            try (ResultSet rs = st.executeQuery(query)) {
                while (rs.next()) {
                    long[] counts = matrix.computeIfAbsent(rs.getString(1), k -> {
                        try {
                            return new long[rs.getInt(4) + 2];
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    int offset = rs.getInt(2);
                    counts[offset + 1] = rs.getLong(3);
                    if (offset == 0) {
                        counts[0] = rs.getLong(3);
                    }
                }
            }
        }
        return matrix;
    }

    private static boolean equal(Map<String, long[]> a, Map<String, long[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String k : a.keySet()) {
            if (!java.util.Arrays.equals(a.get(k), b.get(k))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Map<String, long[]> m) {
        StringBuilder s = new StringBuilder();
        m.forEach((k, v) -> s.append(k).append(java.util.Arrays.toString(v)).append(' '));
        return s.toString();
    }

    private static String sql(Path path) {
        return path.toAbsolutePath().toString().replace("'", "''");
    }

    private static void print(String name, double value) {
        System.out.println("RATIO " + name + " " + String.format(Locale.ROOT, "%.3f", value));
    }

    /** Samples the used heap every 10 ms (after-GC figures would hide the sort buffer). */
    private static final class PeakHeap extends Thread {
        private volatile boolean running = true;
        private volatile long peak;

        PeakHeap() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                long used = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        used += pool.getUsage().getUsed();
                    }
                }
                peak = Math.max(peak, used);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void finish() throws InterruptedException {
            running = false;
            join();
        }

        long peak() {
            return peak;
        }
    }
}
