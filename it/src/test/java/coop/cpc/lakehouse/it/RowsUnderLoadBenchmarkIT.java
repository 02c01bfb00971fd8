package coop.cpc.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Reads under load (docs/benchmarks.md, "Reads under load"), run only with {@code -Dlakehouse.it.bench=true}:
 * {@code rows.key_range_vs_assets_req_s} is the requests/s of a {@code rows} query returning 100 rows by a
 * random key range from a 100,000-row asset in 10 segments, over the requests/s of
 * {@code { assets(first: 1) { nodes { id } } }} on the same server, each with 8 connections sending requests
 * back to back for {@code lakehouse.it.bench.seconds} (default 15) after a warm-up (goal at least 0.5). The
 * two take turns in {@code lakehouse.it.bench.slices} (default 5) slices, so that the load other processes
 * put on the machine weighs on both alike.
 */
@EnabledIfSystemProperty(named = "lakehouse.it.bench", matches = "true")
class RowsUnderLoadBenchmarkIT extends DeployedEarFixture {
    private static final int SEGMENTS = 10;
    private static final int ROWS_PER_SEGMENT = 10_000;
    private static final int CONNECTIONS = 8;
    private static final int SECONDS = Integer.getInteger("lakehouse.it.bench.seconds", 15);
    /** Turns each query takes within its SECONDS (1: one phase after the other, as before). */
    private static final int SLICES = Math.max(1, Integer.getInteger("lakehouse.it.bench.slices", 5));

    private static final String APPEND = "mutation($id: ID!, $columns: [ColumnInput!]!, $rows: [RowInput!]!) "
            + "{ appendRows(assetId: $id, columns: $columns, rows: $rows) { snapshotId } }";
    private static final String ROWS = "query($id: ID, $where: [RowPredicateInput]) "
            + "{ asset(id: $id) { rows(first: 100, where: $where) { rows { values } } } }";
    private static final String ASSETS = "{ assets(first: 1) { nodes { id } } }";

    private final String token = ItTokens.forPurpose(null);

    @Test
    void keyRangeRowsAgainstTheSmallestAssetsQuery() throws Exception {
        String id = runs.createAsset("bench", "rows_under_load", IngestionRuns.ACCOUNTS);
        for (int s = 0; s < SEGMENTS; s++) {
            List<Map<String, Object>> rows = new ArrayList<>(ROWS_PER_SEGMENT);
            for (int r = 0; r < ROWS_PER_SEGMENT; r++) {
                long key = (long) s * ROWS_PER_SEGMENT + r;
                rows.add(Map.of(
                        "values",
                        List.of(Long.toString(key), "owner " + (key % 997), (key % 100_000) + "." + (key % 100))));
            }
            graphql.data(APPEND, Map.of("id", id, "columns", IngestionRuns.ACCOUNTS_WRITTEN, "rows", rows));
        }
        Supplier<Map<String, ?>> keyRange = () -> {
            long lo = ThreadLocalRandom.current().nextLong(SEGMENTS * ROWS_PER_SEGMENT - 99);
            return Map.of(
                    "id",
                    id,
                    "where",
                    List.of(
                            Map.of("column", "id", "op", "GE", "values", List.of(Long.toString(lo))),
                            Map.of("column", "id", "op", "LE", "values", List.of(Long.toString(lo + 99)))));
        };
        // Both answers checked once: 100 rows; an asset.
        JsonNode page =
                graphql.data(ROWS, keyRange.get()).get("asset").get("rows").get("rows");
        assertThat(page).hasSize(100);
        assertThat(graphql.data(ASSETS).get("assets").get("nodes")).hasSize(1);

        // Warm-up (JIT, connection pool, caches), then the timed runs: the two queries take turns in
        // SLICES slices each, so that a change in the machine's load reaches both alike.
        load(ROWS, keyRange, 5);
        load(ASSETS, Map::of, 5);
        Phase rows = new Phase();
        Phase assets = new Phase();
        for (int slice = 0; slice < SLICES; slice++) {
            rows.add(load(ROWS, keyRange, (double) SECONDS / SLICES));
            assets.add(load(ASSETS, Map::of, (double) SECONDS / SLICES));
        }

        System.out.printf(
                Locale.ROOT,
                "rows by key range (100 rows of %,d in %d segments): %.0f req/s, p50 %.1f ms, p99 %.1f ms%n",
                SEGMENTS * ROWS_PER_SEGMENT,
                SEGMENTS,
                rows.perSecond(),
                rows.p50(),
                rows.p99());
        System.out.printf(
                Locale.ROOT,
                "assets(first: 1): %.0f req/s, p50 %.1f ms, p99 %.1f ms (%d connections, %d s each in %d slices)%n",
                assets.perSecond(),
                assets.p50(),
                assets.p99(),
                CONNECTIONS,
                SECONDS,
                SLICES);
        System.out.printf(
                Locale.ROOT, "RATIO rows.key_range_vs_assets_req_s %.3f%n", rows.perSecond() / assets.perSecond());
        assertThat(rows.errors()).as("failed rows requests").isZero();
        assertThat(assets.errors()).as("failed assets requests").isZero();
    }

    /** One slice of load: its latencies, failed requests and length. */
    private record Result(long[] latencies, long errors, double seconds) {}

    /** The slices of one query together. */
    private static final class Phase {
        private final List<long[]> latencies = new ArrayList<>();
        private long errors;
        private double seconds;

        void add(Result slice) {
            latencies.add(slice.latencies());
            errors += slice.errors();
            seconds += slice.seconds();
        }

        private long[] sorted() {
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
            Arrays.sort(all);
            return all;
        }

        double perSecond() {
            return sorted().length / seconds;
        }

        double p50() {
            return percentile(sorted(), 0.50) / 1e6;
        }

        double p99() {
            return percentile(sorted(), 0.99) / 1e6;
        }

        long errors() {
            return errors;
        }
    }

    /** {@link #CONNECTIONS} clients sending the query back to back for {@code seconds}. */
    private Result load(String query, Supplier<Map<String, ?>> variables, double seconds) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                futures.add(clients.submit(() -> {
                    List<Long> latencies = new ArrayList<>();
                    long errors = 0;
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        HttpResponse<String> response = graphql.post(query, variables.get(), token, null);
                        latencies.add(System.nanoTime() - sent);
                        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
                            errors++;
                        }
                    }
                    long[] out = new long[latencies.size() + 1];
                    out[0] = errors;
                    for (int i = 0; i < latencies.size(); i++) {
                        out[i + 1] = latencies.get(i);
                    }
                    return out;
                }));
            }
            List<Long> all = new ArrayList<>();
            long errors = 0;
            for (Future<long[]> future : futures) {
                long[] out = future.get();
                errors += out[0];
                for (int i = 1; i < out.length; i++) {
                    all.add(out[i]);
                }
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            return new Result(all.stream().mapToLong(Long::longValue).toArray(), errors, elapsed);
        } finally {
            clients.shutdownNow();
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
