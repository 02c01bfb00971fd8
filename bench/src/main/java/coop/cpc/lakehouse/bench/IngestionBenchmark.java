package coop.cpc.lakehouse.bench;

import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.application.table.SegmentScan;
import coop.cpc.lakehouse.application.table.SortOrder;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.files.ClaimedFile;
import coop.cpc.lakehouse.ingest.files.DropDirectory;
import coop.cpc.lakehouse.ingest.files.FileDropLimits;
import coop.cpc.lakehouse.ingest.files.FileDropSource;
import coop.cpc.lakehouse.ingest.files.FileReadResult;
import coop.cpc.lakehouse.ingest.postgres.PostgresTableSource;
import coop.cpc.lakehouse.ingest.postgres.QualifiedTableName;
import coop.cpc.lakehouse.ingest.postgres.ReadPosition;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.apache.commons.csv.QuoteMode;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Ingestion throughput and rows-query latency, all in one run on one generated table
 * (docs/benchmarks.md, section "Ingestion"):
 * <ol>
 *   <li>{@code ingest.postgres_vs_copy}: rows/s of PostgresTableSource writing 10,000-row segment
 *       files (fsynced) over rows/s of a bare {@code COPY (SELECT ...) TO STDOUT (FORMAT csv)}
 *       into a discarding sink (higher is better; goal at least 0.5; the source reads the binary COPY,
 *       whose bare time gives {@code ingest.postgres_vs_binary_copy});</li>
 *   <li>{@code ingest.file_drop_csv_vs_parse}: MB/s of FileDropSource reading the same rows as a
 *       ~100 MB CSV file and writing segments over MB/s of plain commons-csv parsing of that file;</li>
 *   <li>{@code rows.selective_filter_vs_full_scan}: latency of a rows query for a 100-row id range
 *       over the latency of a full scan of the same 1,000,000-row asset (lower is better), plus
 *       {@code rows.category_eq_vs_full_scan} for an equality on a category every chunk holds, which
 *       row-group value sets prune only when the segments are sorted by category.</li>
 * </ol>
 * Every measurement: untimed warm-up runs, then the median of several timed runs, the two sides
 * of a ratio alternating so that drift of the shared machine hits both alike.
 *
 * <p>Argument: the working directory (segments and the CSV file go there). System properties:
 * {@code bench.rows} (1,000,000), {@code bench.warmup} (1), {@code bench.repeats} (5),
 * {@code bench.query.warmup} (2), {@code bench.query.repeats} (7), {@code bench.sort_order}
 * ({@code category}: the asset's sort order for both ingestion paths; empty for none), {@code bench.db.port}
 * (0: the embedded PostgreSQL takes a free port; give one to keep clear of other servers on the machine).
 */
public final class IngestionBenchmark {
    private static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 1);
    private static final int REPEATS = Integer.getInteger("bench.repeats", 5);
    private static final int QUERY_WARMUP = Integer.getInteger("bench.query.warmup", 2);
    private static final int QUERY_REPEATS = Integer.getInteger("bench.query.repeats", 7);
    private static final int CHUNK_ROWS = ChunkedSegmentSink.DEFAULT_CHUNK_ROWS;
    /** Chunks written while the source reads on (the server's ingestion_chunks_in_flight; 1 = no overlap beyond one chunk). */
    private static final int CHUNKS_IN_FLIGHT = Integer.getInteger("bench.chunks_in_flight", 2);
    /** The asset's sort order (comma-separated columns; empty for none): each segment's rows sorted by it. */
    private static final List<String> SORT_ORDER = Arrays.stream(
                    System.getProperty("bench.sort_order", "category").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();

    /** The embedded PostgreSQL's port; 0 lets it pick a free one. */
    private static final int DB_PORT = Integer.getInteger("bench.db.port", 0);

    private static final java.lang.management.ThreadMXBean THREAD_CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private static final String TABLE = "public.sales";
    private static final String[] CATEGORIES = {
        "groceries",
        "fuel",
        "restaurants",
        "travel",
        "utilities",
        "rent",
        "insurance",
        "electronics",
        "clothing",
        "health",
        "education",
        "other"
    };
    /** The category of the equality filter: one in ~18 rows (5.5 %), present in every segment. */
    private static final String RARE_CATEGORY = "education";

    /** The session settings PostgresTableSource.read sets; the baseline COPY runs under the same. */
    private static final String SESSION = "SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET bytea_output = 'hex'; "
            + "SET extra_float_digits = 1; SET IntervalStyle = 'iso_8601'";

    /** As CsvRecordStream parses a dropped file. */
    private static final CSVFormat DROP_CSV = CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .setAllowMissingColumnNames(false)
            .get();

    private IngestionBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "ingest-data").toAbsolutePath();
        Path runs = dir.resolve("runs");
        deleteRecursively(runs);
        deleteRecursively(dir.resolve("drop"));
        Files.createDirectories(runs);
        Path csv = dir.resolve("sales.csv");
        System.out.printf(
                Locale.ROOT,
                "Ingestion benchmark: %,d rows, chunks of %,d rows (%d in flight, sort order %s), %d warm-up + %d"
                        + " timed runs (median), queries %d + %d; %d cores, max heap %d MB, load average %s%n",
                ROWS,
                CHUNK_ROWS,
                CHUNKS_IN_FLIGHT,
                SORT_ORDER.isEmpty() ? "none" : String.join(",", SORT_ORDER),
                WARMUP,
                REPEATS,
                QUERY_WARMUP,
                QUERY_REPEATS,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                loadAverage());

        Schema schema;
        List<Path> segments;
        try (EmbeddedPostgres postgres = embeddedPostgres();
                Connection connection = postgres.getPostgresDatabase().getConnection()) {
            createTable(connection);
            schema = PostgresTableSource.open(connection, QualifiedTableName.parse(TABLE), List.of())
                    .assetSchema();
            segments = postgresVsCopy(connection, runs);
            writeCsv(connection, csv);
        }
        fileDropVsParse(csv, schema, dir, runs);
        rowsQueries(segments, schema);
        System.out.printf(
                Locale.ROOT,
                "%nload average at the end: %s (other work on this machine slows both sides of every ratio, "
                        + "not always alike)%n",
                loadAverage());
    }

    private static EmbeddedPostgres embeddedPostgres() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (DB_PORT != 0) {
            builder.setPort(DB_PORT);
        }
        return builder.start();
    }

    /** The 1, 5 and 15 minute load averages (Linux), to judge how busy the shared machine was. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    // ---------------------------------------------------------------- data

    private static void createTable(Connection connection) throws Exception {
        long t0 = System.nanoTime();
        try (Statement sql = connection.createStatement()) {
            sql.execute(
                    "CREATE TABLE public.sales (id bigint NOT NULL, booked_at timestamptz NOT NULL, "
                            + "amount numeric(12,2) NOT NULL, category text NOT NULL, score double precision NOT NULL, note text)");
            sql.execute("SELECT setseed(0.42)");
            String categories = "(ARRAY['" + String.join("','", CATEGORIES) + "'])";
            // Booked every 2 s with up to 2 s of microsecond jitter; log-normal-ish amounts; skewed
            // categories; scores with two decimals; a free-text note (with non-ASCII) or NULL for 25 %.
            sql.execute("INSERT INTO public.sales SELECT g, "
                    + "timestamptz '2024-01-01 00:00:00+00' + g * interval '2 seconds' + floor(random() * 2000000) * interval '1 microsecond', "
                    + "round((exp(random() * 7) + random())::numeric, 2), "
                    + categories + "[1 + floor(power(random(), 1.6) * 12)::int], "
                    + "round((random() * 100)::numeric, 2)::float8, "
                    + "CASE WHEN random() < 0.25 THEN NULL ELSE "
                    + "(ARRAY['card payment at terminal ', 'bank transfer, reference ', 'refund requested, ticket ', "
                    + "'standing order, contract ', 'cash deposit at branch '])[1 + floor(random() * 5)::int] "
                    + "|| floor(random() * 100000)::int || ' – ' "
                    + "|| (ARRAY['Lisboa', 'Porto', 'Braga', 'Coimbra', 'Faro', 'Évora'])[1 + floor(random() * 6)::int] "
                    + "|| ', batch ' || floor(random() * 1000)::int END "
                    + "FROM generate_series(1, " + ROWS + ") g");
            sql.execute("ALTER TABLE public.sales ADD PRIMARY KEY (id)");
            sql.execute("VACUUM ANALYZE public.sales");
            sql.execute("CHECKPOINT");
            try (ResultSet r = sql.executeQuery("SELECT count(*), pg_total_relation_size('public.sales'), "
                    + "count(*) FILTER (WHERE note IS NULL), count(*) FILTER (WHERE category = '" + RARE_CATEGORY
                    + "') "
                    + "FROM public.sales")) {
                r.next();
                System.out.printf(
                        Locale.ROOT,
                        "table %s: %,d rows (id bigint PK, booked_at timestamptz, amount numeric(12,2), "
                                + "category text, score double precision, note text with %,d NULLs), %.1f MB with its index; "
                                + "'%s' in %,d rows; generated in %.1f s%n",
                        TABLE,
                        r.getLong(1),
                        r.getLong(3),
                        r.getLong(2) / 1e6,
                        RARE_CATEGORY,
                        r.getLong(4),
                        (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /** The same rows as a dropped CSV file would carry them: header, ISO-8601 timestamps. */
    private static void writeCsv(Connection connection, Path csv) throws Exception {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try (OutputStream out = Files.newOutputStream(csv)) {
            copy.copyOut(
                    "COPY (SELECT id, to_char(booked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS booked_at, "
                            + "amount, category, score, note FROM public.sales ORDER BY id) TO STDOUT (FORMAT csv, HEADER true)",
                    out);
        }
    }

    // ---------------------------------------------------------------- 1. PostgreSQL

    private static List<Path> postgresVsCopy(Connection connection, Path runs) throws Exception {
        System.out.printf(Locale.ROOT, "%n== 1. PostgreSQL table -> segment files vs bare COPY ==%n");
        try (Statement sql = connection.createStatement()) {
            sql.execute(SESSION);
        }
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        String select = PostgresTableSource.open(connection, QualifiedTableName.parse(TABLE), List.of())
                .selectAfter(ReadPosition.START);
        // The ratio's baseline stays the CSV COPY of the rounds before; the source itself reads the binary COPY,
        // whose bare time is printed beside it.
        String copySql = "COPY (" + select + ") TO STDOUT (FORMAT csv)";
        String binaryCopySql = "COPY (" + select + ") TO STDOUT (FORMAT binary)";
        long[] copyNanos = new long[REPEATS];
        long[] binaryCopyNanos = new long[REPEATS];
        long[] oursNanos = new long[REPEATS];
        long[] writeNanos = new long[REPEATS];
        List<CpuAccount> cpu = new ArrayList<>();
        long copyBytes = 0;
        ChunkedSegmentSink last = null;
        Path lastOut = null;
        for (int i = -WARMUP; i < REPEATS; i++) {
            CountingSink discard = new CountingSink();
            long t0 = System.nanoTime();
            copy.copyOut(copySql, discard);
            long t1 = System.nanoTime();
            copyBytes = discard.bytes;
            long tb0 = System.nanoTime();
            copy.copyOut(binaryCopySql, new CountingSink());
            long tb1 = System.nanoTime();

            Path out = runs.resolve("postgres-" + (i + WARMUP));
            long t2 = System.nanoTime();
            CpuAccount account = new CpuAccount();
            PostgresTableSource source =
                    PostgresTableSource.open(connection, QualifiedTableName.parse(TABLE), List.of());
            ChunkedSegmentSink sink = new ChunkedSegmentSink(
                    out,
                    source.assetSchema(),
                    "sales",
                    CHUNK_ROWS,
                    CHUNKS_IN_FLIGHT,
                    SortOrder.of(source.assetSchema(), SORT_ORDER));
            ReadPosition end = source.read(ReadPosition.START, sink);
            sink.finish();
            long t3 = System.nanoTime();
            account.stop();
            check(sink, end.rowsRead());
            if (i >= 0) {
                cpu.add(account);
                copyNanos[i] = t1 - t0;
                binaryCopyNanos[i] = tb1 - tb0;
                oursNanos[i] = t3 - t2;
                writeNanos[i] = sink.writeNanos();
            }
            if (lastOut != null) {
                deleteRecursively(lastOut);
            }
            last = sink;
            lastOut = out;
        }
        double copySeconds = median(copyNanos) / 1e9;
        double oursSeconds = median(oursNanos) / 1e9;
        double writeSeconds = median(writeNanos) / 1e9;
        double binaryCopySeconds = median(binaryCopyNanos) / 1e9;
        double copyRate = ROWS / copySeconds;
        double oursRate = ROWS / oursSeconds;
        System.out.println("baseline: " + copySql);
        System.out.printf(
                Locale.ROOT,
                "  bare COPY into a discarding sink: %.2f s median = %,.0f rows/s (%.1f MB of CSV text) %s%n",
                copySeconds,
                copyRate,
                copyBytes / 1e6,
                runs(copyNanos));
        System.out.printf(
                Locale.ROOT,
                "  bare binary COPY (what the source reads) into a discarding sink: %.2f s median %s%n",
                binaryCopySeconds,
                runs(binaryCopyNanos));
        System.out.printf(
                Locale.ROOT,
                "  PostgresTableSource -> %d segment files of %,d rows (temp, SHA-256, fsync, rename, stats): "
                        + "%.2f s median = %,.0f rows/s %s%n",
                last.files().size(),
                CHUNK_ROWS,
                oursSeconds,
                oursRate,
                runs(oursNanos));
        System.out.printf(
                Locale.ROOT,
                "    of which waiting for segment writes (AV1 encode, hash, fsync, rename, stats; %d chunks in flight) "
                        + "%.2f s (%.0f %%), binary COPY + typed values %.2f s%n",
                CHUNKS_IN_FLIGHT,
                writeSeconds,
                100 * writeSeconds / oursSeconds,
                oursSeconds - writeSeconds);
        System.out.println(
                "    CPU of the median run: " + CpuAccount.medianRun(cpu).line());
        System.out.printf(
                Locale.ROOT,
                "  segments: %.1f MB (%.1f bytes/row; COPY's CSV text is %.1f bytes/row)%n",
                last.bytes() / 1e6,
                (double) last.bytes() / ROWS,
                (double) copyBytes / ROWS);
        double ratio = oursRate / copyRate;
        System.out.printf(Locale.ROOT, "RATIO ingest.postgres_vs_copy %.3f%n", ratio);
        System.out.printf(Locale.ROOT, "RATIO ingest.postgres_vs_binary_copy %.3f%n", binaryCopySeconds / oursSeconds);
        System.out.printf(
                Locale.ROOT,
                "  (our rows/s over bare COPY's; higher is better; goal >= 0.5: %s)%n",
                ratio >= 0.5 ? "met" : "NOT met");
        return last.files();
    }

    // ---------------------------------------------------------------- 2. file drop

    private static void fileDropVsParse(Path csv, Schema schema, Path dir, Path runs) throws Exception {
        System.out.printf(
                Locale.ROOT, "%n== 2. File drop: CSV file -> segment files vs plain commons-csv parsing ==%n");
        long size = Files.size(csv);
        Path drop = dir.resolve("drop");
        Files.createDirectories(drop);
        DropDirectory directory = new DropDirectory(drop, "*.csv", FileDropLimits.defaults());
        FileDropSource source = new FileDropSource(schema, FileDropLimits.defaults());
        long[] parseNanos = new long[REPEATS];
        long[] oursNanos = new long[REPEATS];
        long[] writeNanos = new long[REPEATS];
        List<CpuAccount> cpu = new ArrayList<>();
        long segmentBytes = 0;
        long[] parseCpuNanos = new long[REPEATS];
        for (int i = -WARMUP; i < REPEATS; i++) {
            long c0 = THREAD_CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long records = parse(csv);
            long t1 = System.nanoTime();
            long parseCpu = THREAD_CPU.getCurrentThreadCpuTime() - c0;
            if (records != ROWS) {
                throw new IllegalStateException("parsed " + records + " records, expected " + ROWS);
            }

            Files.move(csv, drop.resolve("sales.csv"));
            Path out = runs.resolve("files-" + (i + WARMUP));
            long t2 = System.nanoTime();
            CpuAccount account = new CpuAccount();
            ClaimedFile claimed = directory.claimNext().orElseThrow();
            ChunkedSegmentSink sink = new ChunkedSegmentSink(
                    out, schema, "sales_files", CHUNK_ROWS, CHUNKS_IN_FLIGHT, SortOrder.of(schema, SORT_ORDER));
            FileReadResult result = source.read(claimed, 0, sink);
            sink.finish();
            Path processed = directory.markProcessed(claimed);
            long t3 = System.nanoTime();
            account.stop();
            Files.move(processed, csv);
            check(sink, result.rows() + result.rejected());
            if (i >= 0) {
                cpu.add(account);
                parseNanos[i] = t1 - t0;
                parseCpuNanos[i] = parseCpu;
                oursNanos[i] = t3 - t2;
                writeNanos[i] = sink.writeNanos();
            }
            segmentBytes = sink.bytes();
            deleteRecursively(out);
        }
        double parseSeconds = median(parseNanos) / 1e9;
        double oursSeconds = median(oursNanos) / 1e9;
        double writeSeconds = median(writeNanos) / 1e9;
        double parseMbs = size / 1e6 / parseSeconds;
        double oursMbs = size / 1e6 / oursSeconds;
        System.out.printf(
                Locale.ROOT,
                "file: %.1f MB, %,d rows + header (%.1f bytes/row), in the page cache%n",
                size / 1e6,
                ROWS,
                (double) size / ROWS);
        System.out.printf(
                Locale.ROOT,
                "  plain commons-csv parse (RFC 4180 + header, as the file drop's format): %.2f s median = "
                        + "%.1f MB/s %s, thread CPU %.2f s median%n",
                parseSeconds,
                parseMbs,
                runs(parseNanos),
                median(parseCpuNanos) / 1e9);
        System.out.printf(
                Locale.ROOT,
                "  DropDirectory claim + FileDropSource -> segment files of %,d rows + mark processed: "
                        + "%.2f s median = %.1f MB/s = %,.0f rows/s %s%n",
                CHUNK_ROWS,
                oursSeconds,
                oursMbs,
                ROWS / oursSeconds,
                runs(oursNanos));
        System.out.printf(
                Locale.ROOT,
                "    of which waiting for segment writes (%d chunks in flight) %.2f s (%.0f %%), reading + converting %.2f s; "
                        + "segments %.1f MB%n",
                CHUNKS_IN_FLIGHT,
                writeSeconds,
                100 * writeSeconds / oursSeconds,
                oursSeconds - writeSeconds,
                segmentBytes / 1e6);
        System.out.println(
                "    CPU of the median run: " + CpuAccount.medianRun(cpu).line());
        System.out.printf(Locale.ROOT, "RATIO ingest.file_drop_csv_mb_s %.3f%n", oursMbs);
        System.out.printf(Locale.ROOT, "RATIO ingest.csv_parse_mb_s %.3f%n", parseMbs);
        System.out.printf(Locale.ROOT, "RATIO ingest.file_drop_csv_vs_parse %.3f%n", oursMbs / parseMbs);
        System.out.printf(Locale.ROOT, "  (file drop MB/s over plain parsing MB/s; higher is better)%n");
    }

    /** Plain parsing: every field of every record seen, nothing converted. */
    private static long parse(Path csv) throws IOException {
        long records = 0;
        long chars = 0;
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser =
                        CSVParser.builder().setReader(in).setFormat(DROP_CSV).get()) {
            for (CSVRecord record : parser) {
                records++;
                for (String field : record.values()) {
                    chars += field == null ? 0 : field.length();
                }
            }
        }
        if (chars == 0) {
            throw new IllegalStateException("empty fields");
        }
        return records;
    }

    // ---------------------------------------------------------------- 3. rows query

    private static void rowsQueries(List<Path> segments, Schema schema) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "%n== 3. Rows query on the %d segments of the PostgreSQL ingestion: filter vs full scan ==%n",
                segments.size());
        List<String> output = List.of("id", "booked_at", "amount", "category");
        List<Column> columns =
                output.stream().map(name -> schema.column(schema.ordinal(name))).toList();
        Column id = schema.column(schema.ordinal("id"));
        Column category = schema.column(schema.ordinal("category"));
        long lo = ROWS / 2 + 1;
        long hi = lo + 99;
        List<SegmentScan.Condition> idRange = List.of(
                SegmentScan.Condition.of(
                        id, new RowPredicate("id", RowPredicate.Operator.GE, List.of(Long.toString(lo)))),
                SegmentScan.Condition.of(
                        id, new RowPredicate("id", RowPredicate.Operator.LE, List.of(Long.toString(hi)))));
        List<SegmentScan.Condition> categoryEq = List.of(SegmentScan.Condition.of(
                category, new RowPredicate("category", RowPredicate.Operator.EQ, List.of(RARE_CATEGORY))));
        long[] fullNanos = new long[QUERY_REPEATS];
        long[] idNanos = new long[QUERY_REPEATS];
        long[] categoryNanos = new long[QUERY_REPEATS];
        int fullRows = 0;
        int idRows = 0;
        int categoryRows = 0;
        for (int i = -QUERY_WARMUP; i < QUERY_REPEATS; i++) {
            long t0 = System.nanoTime();
            fullRows = scan(segments, columns, List.of());
            long t1 = System.nanoTime();
            idRows = scan(segments, columns, idRange);
            long t2 = System.nanoTime();
            categoryRows = scan(segments, columns, categoryEq);
            long t3 = System.nanoTime();
            if (i >= 0) {
                fullNanos[i] = t1 - t0;
                idNanos[i] = t2 - t1;
                categoryNanos[i] = t3 - t2;
            }
        }
        if (fullRows != ROWS || idRows != 100) {
            throw new IllegalStateException("full scan " + fullRows + " rows, id range " + idRows + " rows");
        }
        double full = median(fullNanos) / 1e6;
        double byId = median(idNanos) / 1e6;
        double byCategory = median(categoryNanos) / 1e6;
        System.out.printf(
                Locale.ROOT,
                "columns %s, every matching row returned (no page limit), warm page cache, one thread%n",
                output);
        System.out.printf(
                Locale.ROOT,
                "  full scan (no condition): %,d rows in %.1f ms median = %,.0f rows/s %s%n",
                fullRows,
                full,
                fullRows / (full / 1e3),
                runs(fullNanos));
        System.out.printf(
                Locale.ROOT,
                "  id >= %d AND id <= %d: %,d rows in %.1f ms median %s; row groups decoded: %s "
                        + "(the others skipped by min/max statistics)%n",
                lo,
                hi,
                idRows,
                byId,
                runs(idNanos),
                decodedGroups(segments, "id", lo, hi));
        System.out.printf(
                Locale.ROOT,
                "  category = '%s': %,d rows in %.1f ms median %s; row groups decoded: %s "
                        + "(the others skipped by their value sets; every chunk holds every category, so"
                        + " only a sort order by category lets any be skipped)%n",
                RARE_CATEGORY,
                categoryRows,
                byCategory,
                runs(categoryNanos),
                decodedGroups(segments, "category", RARE_CATEGORY, RARE_CATEGORY));
        System.out.printf(Locale.ROOT, "RATIO rows.selective_filter_vs_full_scan %.4f%n", byId / full);
        System.out.printf(Locale.ROOT, "RATIO rows.category_eq_vs_full_scan %.4f%n", byCategory / full);
        System.out.printf(Locale.ROOT, "  (query latency over full-scan latency; LOWER is better)%n");
    }

    /** The server's per-segment scan over every segment; every matching row is materialized (no page limit). */
    private static int scan(List<Path> segments, List<Column> output, List<SegmentScan.Condition> conditions)
            throws IOException {
        int rows = 0;
        for (Path segment : segments) {
            rows += SegmentScan.rows(segment, output, conditions).size();
        }
        return rows;
    }

    /** "kept of all" row groups of the segments for a min..max filter (an equality also tests value sets). */
    private static String decodedGroups(List<Path> segments, String column, Object min, Object max) throws IOException {
        int kept = 0;
        int all = 0;
        for (Path segment : segments) {
            try (var read = coop.cpc.lakehouse.columnar.WebmColumnar.read(segment)) {
                all += read.rowGroups().size();
            }
            try (var read = coop.cpc.lakehouse.columnar.WebmColumnar.read(segment)) {
                kept += read.filter(column, min, max).rowGroups().size();
            }
        }
        return kept + " of " + all;
    }

    // ---------------------------------------------------------------- helpers

    private static void check(ChunkedSegmentSink sink, long read) {
        if (sink.rows() != ROWS || sink.rejected() != 0 || read != ROWS) {
            throw new IllegalStateException("ingested " + sink.rows() + " rows, rejected " + sink.rejected() + ", read "
                    + read + "; expected " + ROWS + " rows and no rejects");
        }
    }

    /** The median; for an even count the mean of the two middle values. */
    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static String runs(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "[runs %.3f..%.3f s]", sorted[0] / 1e9, sorted[sorted.length - 1] / 1e9);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A discarding sink for COPY's output that counts the bytes. */
    private static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
