package coop.cpc.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import coop.cpc.lakehouse.application.cdc.NoOpEngineSettings;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;

/**
 * The CDC benchmark (docs/benchmarks.md, "Change data capture"), run only with
 * {@code -Dlakehouse.it.bench=true}: prints RATIO lines.
 * <ol>
 *   <li>{@code cdc.lakehouse_vs_noop}: changes/s a stream commits into the lakehouse from a backlog of
 *       {@code lakehouse.it.bench.changes} inserts (default 50,000, in transactions of 100) over the mean
 *       changes/s of the same Debezium engine and settings with a no-op consumer, in this JVM, on the same
 *       backlog, run once before and once after the lakehouse phase, both sides warmed up first: each no-op engine
 *       by a backlog of {@code lakehouse.it.bench.warmup.changes} inserts (default 10,000), the stream by two (as
 *       many as the two no-op engines read together in their shared JVM); goal at least 0.8; with
 *       {@code cdc.noop_before_changes_per_s}, {@code cdc.noop_after_changes_per_s} and their spread
 *       {@code cdc.noop_spread};</li>
 *   <li>{@code cdc.latency_p50_ms}, {@code cdc.latency_p99_ms}: from a source commit to the row being
 *       queryable (the asset's row count covers it), at a steady 1,000 changes/s for 20 s (goal p99 at most 1,000).</li>
 * </ol>
 * Each measured phase also prints plain {@code CPU cdc.<phase>} lines ({@link BenchmarkCpu}): the CPU seconds of
 * the test JVM, the server's JVM, the source's walsenders and the rest of the source and catalog PostgreSQL, per
 * 1,000 changes too, and the busiest threads of each JVM, which say where each side spends its CPU however loaded
 * the machine is.
 */
@EnabledIfSystemProperty(named = "lakehouse.it.bench", matches = "true")
class CdcBenchmarkIT extends DeployedEarFixture {
    private static final int CHANGES = Integer.getInteger("lakehouse.it.bench.changes", 50_000);
    /** Changes each side reads before the measured backlog, so that neither runs cold code. */
    private static final int WARMUP = Integer.getInteger("lakehouse.it.bench.warmup.changes", 10_000);

    private static final int PER_TRANSACTION = 100;
    /** The source table the stream's heartbeats write (CdcEngineHost.HEARTBEAT_TABLE); the no-op engines' too. */
    private static final String HEARTBEAT_TABLE = "public.lakehouse_cdc_heartbeat";
    /** The server's data_lakehouse.cdc_heartbeat_interval_ms in the ITs (arquillian.xml). */
    private static final int HEARTBEAT_MS = 500;

    private static final int STEADY_RATE = 1_000;
    private static final int STEADY_SECONDS = Integer.getInteger("lakehouse.it.bench.steady.seconds", 20);
    private static final String SOURCE_FOLDER = "it-cdc-bench-source";
    private static CdcSource source;
    /** CPU accounts of the measured phases, where /proc can be read. */
    private static Optional<BenchmarkCpu> cpu = Optional.empty();

    @BeforeAll
    static void startSource() throws Exception {
        source = CdcSource.start(SOURCE_FOLDER);
    }

    @AfterAll
    static void stopSource() throws Exception {
        if (source != null) {
            source.close();
        }
    }

    @Test
    void throughputAgainstANoOpConsumerAndCommitToQueryableLatency() throws Exception {
        CdcSource.execute(
                "CREATE TABLE public.bench (id bigint PRIMARY KEY, v bigint, note text)",
                "CREATE TABLE public.steady (id bigint PRIMARY KEY, v bigint)");
        JsonNode stream = createStreamOfChangesOnly("bench_it", "public.bench");
        String streamId = stream.get("id").asText();
        String assetId = stream.get("tables").get(0).get("assetId").asText();
        Path itDir = Path.of(System.getProperty("lakehouse.it.dir", "target"));
        cpu = BenchmarkCpu.of(itDir.resolve(SOURCE_FOLDER), itDir.resolve("it-postgres"));
        Path offsetsBefore = Files.createTempFile("bench-noop-before", ".offsets");
        Path offsetsAfter = Files.createTempFile("bench-noop-after", ".offsets");
        try {
            // Each side reads a warm-up backlog first and stops, so that in the measured phases all three run warm
            // code AND resume from a stored offset the same way (Debezium searches the WAL for the resume position
            // and restarts the replication stream when an offset exists; a fresh engine would skip that).
            // The two no-op engines run in one JVM and share Debezium's code, which thus reads two warm-up backlogs
            // before the first measured phase; the stream reads as many (the no-op slots are created between its
            // two), so that the server's Debezium code has had as many changes to warm up on as the test JVM's.
            writeBacklog(CHANGES + 1, WARMUP);
            // The no-op engines' publication holds what the stream's does: the table and the heartbeat table (which
            // the stream's first start created). One slot per measured no-op phase, so each reads the whole backlog.
            CdcSource.execute(
                    "CREATE PUBLICATION bench_noop_pub FOR TABLE public.bench, " + HEARTBEAT_TABLE,
                    "SELECT pg_create_logical_replication_slot('bench_noop_before', 'pgoutput')",
                    "SELECT pg_create_logical_replication_slot('bench_noop_after', 'pgoutput')");
            writeBacklog(CHANGES + 1 + WARMUP, WARMUP);
            awaitRows(assetId, 2 * WARMUP, Duration.ofMinutes(15));
            graphql.data("mutation($id: ID!) { stopCdcStream(id: $id) { id } }", Map.of("id", streamId));
            noOpEngine("bench_noop_before", offsetsBefore, CHANGES + 1L + WARMUP, WARMUP, Optional.empty());
            noOpEngine("bench_noop_after", offsetsAfter, CHANGES + 1L + WARMUP, WARMUP, Optional.empty());
            writeBacklog(1, CHANGES);

            // No-op, lakehouse, no-op on the same backlog: the lakehouse phase is compared with the mean of the
            // no-op phases around it, so a change of the machine's load during the run weighs on both sides.
            // A compaction the stream's warm-up started must not run into a measured phase.
            awaitServerQuiet("noop_before");
            double noopBefore = noOpEngine("bench_noop_before", offsetsBefore, 1, CHANGES, Optional.of("noop_before"));
            double ours;
            double oursFlow;
            Path serverLog = itDir.resolve("wildfly/standalone/log/server.log");
            int logLinesBefore = Files.readAllLines(serverLog).size();
            try (RowCountWatch watch = new RowCountWatch(UUID.fromString(assetId))) {
                Optional<BenchmarkCpu.Reading> before = cpu.map(BenchmarkCpu::read);
                long start = System.nanoTime();
                graphql.data("mutation($id: ID!) { startCdcStream(id: $id) { id } }", Map.of("id", streamId));
                watch.await(2 * WARMUP + CHANGES, Duration.ofMinutes(15));
                long end = System.nanoTime();
                ours = CHANGES / ((end - start) / 1e9);
                printCpu("lakehouse", before);
                oursFlow = printFlow("lakehouse", start, watch.firstGrowth(), watch.firstGrowthRows(), end);
            }
            // A backlog this size overflows Debezium's lag-statistics queue (1,000 entries, hard-wired): its WARNING
            // per dropped measurement must not flood the log (about 1,000 lines a phase; the server configuration
            // keeps that logger at ERROR).
            List<String> phaseLog = Files.readAllLines(serverLog);
            assertThat(phaseLog.subList(Math.min(logLinesBefore, phaseLog.size()), phaseLog.size()))
                    .as("Debezium's measurement-queue warnings in the server log during the lakehouse phase")
                    .noneMatch(line -> line.contains("Failed to add measurement"));
            // The compaction the lakehouse phase's change segments started is the lakehouse's work, not the no-op's.
            awaitServerQuiet("noop_after");
            double noopAfter = noOpEngine("bench_noop_after", offsetsAfter, 1, CHANGES, Optional.of("noop_after"));
            report(ours, noopBefore, noopAfter);
            double noopFlow = (flows.get("noop_before") + flows.get("noop_after")) / 2;
            // The sustained rate the goal speaks of, without either side's start: the flow after the first change.
            System.out.printf(Locale.ROOT, "RATIO cdc.flow_lakehouse_vs_noop %.3f%n", oursFlow / noopFlow);
        } finally {
            Files.deleteIfExists(offsetsBefore);
            Files.deleteIfExists(offsetsAfter);
        }

        List<Long> latencies = steadyLatencies();
        Collections.sort(latencies);
        System.out.printf(Locale.ROOT, "RATIO cdc.latency_p50_ms %d%n", latencies.get(latencies.size() / 2));
        System.out.printf(
                Locale.ROOT,
                "RATIO cdc.latency_p99_ms %d%n",
                latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1));
        assertThat(latencies).isNotEmpty();
    }

    /**
     * Creates a stream of the source's {@code table} into namespace bench that streams changes only (no initial
     * snapshot) and waits until its slot has confirmed a position; its id and the asset of the table.
     */
    private JsonNode createStreamOfChangesOnly(String name, String table) throws Exception {
        Map<String, Object> input = new HashMap<>(CdcStreams.input(name, List.of(table), "bench"));
        input.put("snapshotMode", "NO_DATA");
        JsonNode stream = graphql.data(
                        "mutation($input: CdcStreamInput!) { createCdcStream(input: $input) { id tables { assetId } } }",
                        Map.of("input", input))
                .get("createCdcStream");
        CdcStreamIT.awaitFlushed("lakehouse_cdc_" + name, null);
        return stream;
    }

    private static void awaitServerQuiet(String phase) throws InterruptedException {
        if (cpu.isPresent()) {
            cpu.get().awaitServerQuiet(phase, Duration.ofSeconds(120));
        }
    }

    /** The CPU accounts of a phase that started at {@code before} and ends now (plain lines, not RATIO). */
    private static void printCpu(String phase, Optional<BenchmarkCpu.Reading> before) {
        if (cpu.isPresent() && before.isPresent()) {
            BenchmarkCpu.report(phase, CHANGES, before.get(), cpu.get().read()).forEach(System.out::println);
        }
    }

    /** The flow rate ({@link #printFlow}) of each measured no-op phase. */
    private static final Map<String, Double> flows = new HashMap<>();

    /**
     * A plain line (not RATIO) splitting a measured phase at the first change of the backlog that its consumer saw (the
     * no-op side) or that a commit made queryable (the lakehouse side, one batch's commit later): the start (engine
     * start, resume search, and on the lakehouse side the stream's own checks and its first batch) and the flow after
     * it. The flow's changes/s count the changes after that first sight ({@code seenFirst} of them were seen then).
     *
     * @return the flow's changes/s
     */
    private static double printFlow(String phase, long start, long firstChange, long seenFirst, long end) {
        if (firstChange == 0) {
            throw new AssertionError("phase " + phase + " ended without a first change seen");
        }
        double flow = (CHANGES - seenFirst) / ((end - firstChange) / 1e9);
        System.out.printf(
                Locale.ROOT,
                "FLOW cdc.%s start=%.2fs flow=%.2fs first_sight=%d flow_changes_per_s=%.1f%n",
                phase,
                (firstChange - start) / 1e9,
                (end - firstChange) / 1e9,
                seenFirst,
                flow);
        return flow;
    }

    private static void report(double ours, double noopBefore, double noopAfter) {
        double noop = (noopBefore + noopAfter) / 2;
        System.out.printf(Locale.ROOT, "RATIO cdc.lakehouse_changes_per_s %.1f%n", ours);
        System.out.printf(Locale.ROOT, "RATIO cdc.noop_changes_per_s %.1f%n", noop);
        System.out.printf(Locale.ROOT, "RATIO cdc.noop_before_changes_per_s %.1f%n", noopBefore);
        System.out.printf(Locale.ROOT, "RATIO cdc.noop_after_changes_per_s %.1f%n", noopAfter);
        // How far apart the two no-op phases are (of their mean): the noise this run's ratio carries.
        System.out.printf(Locale.ROOT, "RATIO cdc.noop_spread %.3f%n", Math.abs(noopBefore - noopAfter) / noop);
        System.out.printf(Locale.ROOT, "RATIO cdc.lakehouse_vs_noop %.3f%n", ours / noop);
    }

    /** Inserts {@code count} rows from id {@code first} on, in transactions of {@link #PER_TRANSACTION}. */
    private static void writeBacklog(int first, int count) throws Exception {
        try (Connection c = CdcSource.connect();
                PreparedStatement insert = c.prepareStatement("INSERT INTO public.bench VALUES (?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int n = 1; n <= count; n++) {
                long i = first + n - 1L;
                insert.setLong(1, i);
                insert.setLong(2, i * 31L);
                insert.setString(3, "row " + i);
                insert.addBatch();
                if (n % PER_TRANSACTION == 0) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            insert.executeBatch();
            c.commit();
        }
    }

    /**
     * Changes/s of the same engine and settings as the server's stream ({@link NoOpEngineSettings}) with a consumer
     * that only counts, from its own slot, until it has seen the {@code count} inserts of ids {@code first} on. The
     * offsets file keeps its position between calls, so a second call resumes where the first stopped, like a stream
     * that was stopped and started again. A measured {@code phase} prints its CPU accounts, read before the engine
     * starts and when it has seen the last change.
     */
    private static double noOpEngine(String slot, Path offsets, long first, int count, Optional<String> phase)
            throws Exception {
        Properties p = NoOpEngineSettings.of(
                CdcSource.url() + "?sslmode=disable", "public.bench", slot, "bench_noop_pub", offsets, HEARTBEAT_MS);
        AtomicLong seen = new AtomicLong();
        AtomicLong firstSeen = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        long last = first + count - 1;
        DebeziumEngine<RecordChangeEvent<SourceRecord>> engine = DebeziumEngine.create(
                        ChangeEventFormat.of(io.debezium.embedded.Connect.class))
                .using(p)
                .notifying(
                        (List<RecordChangeEvent<SourceRecord>> records,
                                DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) -> {
                            for (RecordChangeEvent<SourceRecord> r : records) {
                                if (r.record().value() instanceof Struct s
                                        && s.schema().field("op") != null
                                        && s.getStruct("after") != null
                                        && s.getStruct("after").schema().field("id") != null) {
                                    long id = s.getStruct("after").getInt64("id");
                                    long counted = id >= first && id <= last ? seen.incrementAndGet() : 0;
                                    if (counted == 1) {
                                        firstSeen.set(System.nanoTime());
                                    }
                                    if (counted == count) {
                                        done.countDown();
                                    }
                                }
                                committer.markProcessed(r);
                            }
                            committer.markBatchFinished();
                        })
                .build();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Optional<BenchmarkCpu.Reading> before = phase.flatMap(name -> cpu.map(BenchmarkCpu::read));
            long started = System.nanoTime();
            executor.execute(engine);
            assertThat(done.await(15, TimeUnit.MINUTES))
                    .as("the no-op engine saw every change")
                    .isTrue();
            long ended = System.nanoTime();
            double changesPerSecond = count / ((ended - started) / 1e9);
            phase.ifPresent(name -> printCpu(name, before));
            phase.ifPresent(name -> flows.put(name, printFlow(name, started, firstSeen.get(), 1, ended)));
            return changesPerSecond;
        } finally {
            engine.close();
            executor.shutdown();
            executor.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /** Steady 1,000 changes/s (a 10-row transaction every 10 ms); each commit's time to queryable. */
    private List<Long> steadyLatencies() throws Exception {
        JsonNode stream = createStreamOfChangesOnly("steady_it", "public.steady");
        String assetId = stream.get("tables").get(0).get("assetId").asText();
        int transactions = STEADY_RATE / 10 * STEADY_SECONDS;
        long[] committedAt = new long[transactions];
        Thread writer = new Thread(() -> {
            try (Connection c = CdcSource.connect();
                    Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                long begin = System.nanoTime();
                for (int t = 0; t < transactions; t++) {
                    long due = begin + t * 10_000_000L;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    s.execute("INSERT INTO public.steady SELECT g, g FROM generate_series(" + (t * 10L + 1) + ", "
                            + (t * 10L + 10) + ") g");
                    c.commit();
                    committedAt[t] = System.nanoTime();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        List<Long> latencies = new ArrayList<>();
        int next = 0;
        Instant deadline = Instant.now().plusSeconds(STEADY_SECONDS + 120);
        while (next < transactions && Instant.now().isBefore(deadline)) {
            long rows = graphql.data("query($id: ID!) { asset(id: $id) { rowCount } }", Map.of("id", assetId))
                    .get("asset")
                    .get("rowCount")
                    .asLong();
            long now = System.nanoTime();
            while (next < transactions && rows >= (next + 1) * 10L && committedAt[next] != 0) {
                latencies.add((now - committedAt[next]) / 1_000_000);
                next++;
            }
            Thread.sleep(5);
        }
        writer.join(TimeUnit.SECONDS.toMillis(STEADY_SECONDS + 60));
        return latencies;
    }

    /**
     * Waits for the catalog's row count of the asset (what a commit makes queryable), read from the catalog
     * database: polling the server's GraphQL API would load the server being measured (each query is an audited
     * read) while the no-op engine runs unloaded.
     */
    private static void awaitRows(String assetId, long rows, Duration timeout) throws Exception {
        try (RowCountWatch watch = new RowCountWatch(UUID.fromString(assetId))) {
            watch.await(rows, timeout);
        }
    }

    /**
     * The catalog's row count of one asset, watched without polling: a trigger on the asset's row sends a
     * notification that PostgreSQL delivers to this listener when the commit that changed it completes, so a wait
     * ends as soon as the commit covering the rows is visible, as finely as the no-op side's (which ends in its
     * consumer). Until the fifth round the benchmark read the count every 20 ms, adding up to 20 ms to a phase of 2
     * to 7 s. Set up before a measured phase (creating a trigger locks the table for a moment) and dropped after.
     */
    private static final class RowCountWatch implements AutoCloseable {
        private final Connection db;
        private final PreparedStatement count;
        /** The row count when the first {@link #await} began, and when a commit first raised it (nanoTime; 0: not yet). */
        private long startRows = -1;

        private long firstGrowth;
        private long firstGrowthRows;

        RowCountWatch(UUID asset) throws SQLException {
            db = ItDatabase.connect();
            try (Statement sql = db.createStatement()) {
                sql.execute("CREATE OR REPLACE FUNCTION public.bench_rows_notify() RETURNS trigger LANGUAGE plpgsql"
                        + " AS $$ BEGIN PERFORM pg_notify('bench_rows', NEW.id::text); RETURN NEW; END $$");
                sql.execute(
                        "CREATE TRIGGER bench_rows AFTER UPDATE ON lakehouse.data_assets FOR EACH ROW WHEN (NEW.id = '"
                                + asset + "'::uuid) EXECUTE FUNCTION public.bench_rows_notify()");
                sql.execute("LISTEN bench_rows");
            }
            count = db.prepareStatement("SELECT row_count FROM lakehouse.data_assets WHERE id = ?");
            count.setObject(1, asset);
        }

        void await(long rows, Duration timeout) throws SQLException {
            Instant deadline = Instant.now().plus(timeout);
            PGConnection listener = db.unwrap(PGConnection.class);
            while (true) {
                // Read after LISTEN: a commit before it is counted here, one after it is notified.
                try (ResultSet r = count.executeQuery()) {
                    if (r.next()) {
                        long now = r.getLong(1);
                        if (startRows < 0) {
                            startRows = now;
                        } else if (now > startRows && firstGrowth == 0) {
                            firstGrowth = System.nanoTime();
                            firstGrowthRows = now - startRows;
                        }
                        if (now >= rows) {
                            return;
                        }
                    }
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new AssertionError("the stream did not commit " + rows + " rows in time");
                }
                listener.getNotifications((int) Math.min(left, Integer.MAX_VALUE));
            }
        }

        /** When a commit first raised the asset's row count after the first {@link #await} began (nanoTime; 0: never). */
        long firstGrowth() {
            return firstGrowth;
        }

        /** How many rows that first commit added. */
        long firstGrowthRows() {
            return firstGrowthRows;
        }

        @Override
        public void close() throws SQLException {
            try (Statement sql = db.createStatement()) {
                sql.execute("UNLISTEN bench_rows");
                sql.execute("DROP TRIGGER IF EXISTS bench_rows ON lakehouse.data_assets");
                sql.execute("DROP FUNCTION IF EXISTS public.bench_rows_notify()");
            } finally {
                db.close();
            }
        }
    }
}
