package coop.cpc.lakehouse.it.crash;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.it.CdcSource;
import coop.cpc.lakehouse.it.CdcSourceExtension;
import coop.cpc.lakehouse.it.CdcStreams;
import coop.cpc.lakehouse.it.CdcWorkload;
import coop.cpc.lakehouse.it.GraphQlClient;
import coop.cpc.lakehouse.it.ItDatabase;
import coop.cpc.lakehouse.it.ItTokens;
import coop.cpc.lakehouse.it.OwnServer;
import coop.cpc.lakehouse.launcher.KillableWildFly;
import coop.cpc.lakehouse.launcher.ServerProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly once across a crash: a server streaming a source's changes into the lakehouse is killed
 * with SIGKILL in the middle of 100,000 changes, started again, and the asset ends equal to the
 * source table, every row compared (nothing lost, nothing twice).
 */
@ExtendWith(ItDatabase.class)
class CdcKillDashNineIT {
    private static final int CHANGES = Integer.getInteger("lakehouse.it.cdc.crash.changes", 100_000);
    private static final int SNAPSHOT_ROWS = Integer.getInteger("lakehouse.it.cdc.crash.snapshot.rows", 200_000);
    /** Far below the snapshot's rows, so the kill finds chunks staged. */
    private static final int SNAPSHOT_CHUNK_ROWS = 10_000;

    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final Duration CONVERGE = Duration.ofMinutes(10);
    private static final Path DIR = OwnServer.DIR;
    private static final String CATALOG = "cdc_crash_catalog";

    private final long started = System.nanoTime();
    private KillableWildFly server;
    private CdcWorkload workload;

    /** Stopped after {@link #stopEverything}, so the server that reads it stops first. */
    @RegisterExtension
    final CdcSourceExtension source = CdcSourceExtension.forEachTest("it-cdc-crash-source");

    @AfterEach
    void stopEverything() throws Exception {
        try {
            if (workload != null) {
                workload.await(1);
            }
        } catch (AssertionError ignored) {
            // Stopped anyway: the test's own assertions say what went wrong.
        } finally {
            if (server != null) {
                server.stop();
                log("server stopped; its log: " + server.serverLog());
            }
        }
    }

    @Test
    void killDashNineMidStreamThenRestartLosesAndRepeatsNothing() throws Exception {
        CdcSource.execute(
                CdcWorkload.CREATE,
                "INSERT INTO public.events SELECT g, g, 'initial ' || g FROM generate_series(-999, 0) g");
        Map<String, String> properties = startServer();
        GraphQlClient graphql = GraphQlClient.at(server.httpPort());
        String assetId = createStream(graphql);
        log("stream created; writing " + CHANGES + " changes");
        workload = new CdcWorkload(CHANGES).start();
        long seen = awaitCommitted(graphql, assetId, 5_000);
        log("killing with " + workload.written() + " changes written and " + seen + " rows committed");
        long killed = server.killDashNine();
        assertThat(killed).as("server JVMs killed").isPositive();
        assertThat(workload.written())
                .as("the kill came before the last change")
                .isLessThan(CHANGES);

        server.start(properties);
        server.awaitGraphQl(GraphQlClient.PATH, BOOT);
        log("server up again");
        workload.await(CONVERGE.toMillis());
        log("workload done: " + workload.written() + " changes");
        assertAssetEqualsSource(graphql, assetId);
        log("verified");
    }

    /**
     * The snapshot (200,000 rows) is staged in chunks of {@link #SNAPSHOT_CHUNK_ROWS}: at the kill some chunks
     * are segment files already, yet the asset shows no row. After the restart the snapshot starts over, commits
     * every row once, and the orphan cleanup at deployment removes the interrupted copy's files (aged past its
     * grace period here, as an hour would), so every segment file left is one the catalog names.
     */
    @Test
    void killDashNineDuringTheInitialSnapshotThenRestartCopiesEveryRowOnceAndLeavesNoOrphanFiles() throws Exception {
        CdcSource.execute(
                CdcWorkload.CREATE,
                "INSERT INTO public.events SELECT g, g * 7, CASE WHEN g % 13 = 0 THEN NULL"
                        + " ELSE 'snapshot ' || md5(g::text) END FROM generate_series(1, " + SNAPSHOT_ROWS + ") g");
        Map<String, String> properties = startServer();
        GraphQlClient graphql = GraphQlClient.at(server.httpPort());
        String assetId = createStream(graphql);
        List<Path> staged = awaitStagedSnapshotFiles(2);
        assertThat(snapshotCompleted())
                .as("the snapshot was still running at the kill")
                .isFalse();
        long killed = server.killDashNine();
        assertThat(killed).as("server JVMs killed").isPositive();
        log("killed during the snapshot, " + staged.size() + " chunk file(s) staged");
        assertThat(catalogPaths()).as("segments the catalog names at the kill").isEmpty();
        assertThat(rowCount(assetId)).as("rows visible at the kill").isZero();
        CdcSource.execute(
                "UPDATE public.events SET note = 'after the kill' WHERE id % 1000 = 0",
                "DELETE FROM public.events WHERE id % 997 = 0");
        List<Path> left = segmentFiles();
        for (Path file : left) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        }

        server.start(properties);
        server.awaitGraphQl(GraphQlClient.PATH, BOOT);
        log("server up again");
        assertAssetEqualsSource(graphql, assetId);
        assertThat(snapshotCompleted()).isTrue();
        awaitGone(left);
        Set<String> named = catalogPaths();
        Path storage = DIR.resolve("cdc-crash-webm");
        assertThat(segmentFiles().stream()
                        .map(f -> storage.relativize(f).toString())
                        .toList())
                .as("segment files no snapshot names (orphans)")
                .isNotEmpty()
                .allMatch(named::contains);
        log("verified");
    }

    private Map<String, String> startServer() throws Exception {
        ItDatabase.recreate(CATALOG);
        Path storage = fresh(DIR.resolve("cdc-crash-webm"));
        server = OwnServer.deploy("cdc-crash", portOffset());
        Map<String, String> properties = OwnServer.properties(CATALOG, storage);
        properties.put(
                "data_lakehouse.local_source_roots",
                fresh(DIR.resolve("cdc-crash-inbox")).toString());
        properties.put("data_lakehouse.postgres_source_allow_list", "localhost,127.0.0.1");
        properties.put("data_lakehouse.graphql_max_page_size", "1000");
        properties.put("data_lakehouse.cdc_heartbeat_interval_ms", "1000");
        properties.put("data_lakehouse.cdc_snapshot_chunk_rows", Integer.toString(SNAPSHOT_CHUNK_ROWS));
        properties.putAll(ItTokens.serverProperties());
        server.start(properties);
        server.awaitGraphQl(GraphQlClient.PATH, BOOT);
        return properties;
    }

    private static String createStream(GraphQlClient graphql) throws Exception {
        return new CdcStreams(graphql)
                .create("events_crash", List.of("public.events"), "crash")
                .get("tables")
                .get(0)
                .get("assetId")
                .asText();
    }

    /** Waits until the snapshot has staged at least {@code count} chunks as segment files. */
    private static List<Path> awaitStagedSnapshotFiles(int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            List<Path> files = segmentFiles();
            if (files.size() >= count) {
                return files;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the snapshot staged fewer than " + count + " chunk files in time");
    }

    /** The segment files (not temporary ones) in the server's storage folder. */
    private static List<Path> segmentFiles() throws Exception {
        Path storage = DIR.resolve("cdc-crash-webm");
        try (var walk = Files.walk(storage)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".webm"))
                    .toList();
        }
    }

    /** The orphan cleanup the restarted server runs at deployment deletes them. */
    private static void awaitGone(List<Path> files) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (files.stream().noneMatch(Files::exists)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("files of the interrupted snapshot still there: "
                + files.stream().filter(Files::exists).toList());
    }

    /** Paths (relative to the storage folder) of every segment the catalog names. */
    private static Set<String> catalogPaths() throws Exception {
        Set<String> paths = new HashSet<>();
        try (Connection c = java.sql.DriverManager.getConnection(ItDatabase.url(CATALOG), "postgres", "");
                Statement s = c.createStatement();
                var r = s.executeQuery("SELECT path FROM lakehouse.webm_columnar")) {
            while (r.next()) {
                paths.add(r.getString(1));
            }
        }
        return paths;
    }

    private static long rowCount(String assetId) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(ItDatabase.url(CATALOG), "postgres", "");
                var s = c.prepareStatement("SELECT row_count FROM lakehouse.data_assets WHERE id = ?::uuid")) {
            s.setString(1, assetId);
            try (var r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : -1;
            }
        }
    }

    private static boolean snapshotCompleted() throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(ItDatabase.url(CATALOG), "postgres", "");
                Statement s = c.createStatement();
                var r = s.executeQuery(
                        "SELECT snapshot_completed FROM lakehouse.cdc_streams WHERE name = 'events_crash'")) {
            return r.next() && r.getBoolean(1);
        }
    }

    private long awaitCommitted(GraphQlClient graphql, String assetId, long rows) throws Exception {
        Instant deadline = Instant.now().plus(CONVERGE);
        while (Instant.now().isBefore(deadline)) {
            long count = graphql.data("query($id: ID!) { asset(id: $id) { rowCount } }", Map.of("id", assetId))
                    .get("asset")
                    .get("rowCount")
                    .asLong();
            if (count >= rows) {
                return count;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("fewer than " + rows + " rows committed in time; streams: "
                + graphql.data("{ cdcStreams { name state lastError } }", Map.of()));
    }

    private void assertAssetEqualsSource(GraphQlClient graphql, String assetId) throws Exception {
        CdcStreams.Converged converged = new CdcStreams(graphql, CONVERGE, 1000).converge(assetId, "public.events");
        Set<String> ids = new HashSet<>();
        List<String> twice = new ArrayList<>();
        for (List<String> row : converged.actual()) {
            if (!ids.add(row.get(0))) {
                twice.add(row.get(0));
            }
        }
        assertThat(twice).as("ids the asset holds twice").isEmpty();
        assertThat(converged.actual())
                .as("the asset against SELECT * of the source (streams: %s)", converged.streams())
                .isEqualTo(converged.expected());
    }

    /** 200 above the Arquillian server's offset, unless set. */
    private static int portOffset() {
        int arquillianHttpPort = Integer.parseInt(System.getProperty("lakehouse.it.http.port", "8180"));
        return Integer.getInteger("lakehouse.it.cdc.crash.port.offset", arquillianHttpPort - 8080 + 200);
    }

    private static Path fresh(Path directory) throws Exception {
        ServerProvisioner.deleteRecursively(directory);
        return Files.createDirectories(directory);
    }

    private void log(String message) {
        System.out.printf("[CdcKillDashNineIT %6.1f s] %s%n", (System.nanoTime() - started) / 1e9, message);
    }
}
