package coop.cpc.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.cpc.lakehouse.launcher.KillableWildFly;
import coop.cpc.lakehouse.launcher.ServerProvisioner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server whose segment folder another catalog marked (.lakehouse-catalog) deletes nothing there: its orphan cleanup
 * (the job the deployment starts) refuses, a segment file its catalog does not know stays, a write is refused
 * (GraphQL code {@code storage-not-owned}, naming both catalogs and not the folder's path), so is a snapshot expiry, and
 * readiness is DOWN naming both catalogs. Runs its own WildFly on a new catalog, on the port offset
 * {@code lakehouse.it.storage.port.offset} (default: 300 above the Arquillian server's).
 */
@ExtendWith(ItDatabase.class)
class ForeignStorageFolderIT {
    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final String CATALOG = "foreign_storage_catalog";
    private static final UUID FOREIGN = UUID.fromString("0d9e8f7a-1b2c-4d3e-8f40-5a6b7c8d9e0f");

    private KillableWildFly server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aServerWhoseSegmentFolderAnotherCatalogMarkedDeletesAndWritesNothingThereAndIsNotReady() throws Exception {
        ItDatabase.recreate(CATALOG);
        Path storage = OwnServer.DIR.resolve("foreign-storage-webm");
        ServerProvisioner.deleteRecursively(storage);
        Path theirs =
                Files.createDirectories(storage.resolve("crm/accounts/data")).resolve(UUID.randomUUID() + ".webm");
        Files.writeString(theirs, "another catalog's segment");
        // Two days old: past any grace period of the cleanup.
        Files.setLastModifiedTime(theirs, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        String marker = "catalog_id=" + FOREIGN + "\n";
        Files.writeString(storage.resolve(".lakehouse-catalog"), marker);

        server = OwnServer.deploy("foreign-storage", portOffset());
        Map<String, String> properties = OwnServer.properties(CATALOG, storage);
        properties.putAll(ItTokens.serverProperties());
        server.start(properties);
        server.awaitGraphQl(GraphQlClient.PATH, BOOT);

        assertThat(orphanCleanupExitStatus()).isEqualTo("REFUSED FOREIGN");
        assertThat(theirs).as("the other catalog's segment").exists();
        assertThat(Files.readString(storage.resolve(".lakehouse-catalog")))
                .as("never re-claimed")
                .isEqualTo(marker);

        String catalogId = catalogId();
        HttpResponse<String> readiness = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + server.managementPort() + "/health/ready"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
        JsonNode owner = null;
        for (JsonNode check : new ObjectMapper().readTree(readiness.body()).get("checks")) {
            if (check.get("name").asText().equals("storage-owner")) {
                owner = check;
            }
        }
        assertThat(owner).as(readiness.body()).isNotNull();
        assertThat(owner.get("status").asText()).isEqualTo("DOWN");
        assertThat(owner.get("data").get("webm_storage_path").asText())
                .startsWith("webm_storage_path is marked (.lakehouse-catalog) as the segment folder of catalog "
                        + FOREIGN + ", and this catalog is " + catalogId + ": this server writes and deletes nothing"
                        + " there");

        GraphQlClient graphql = GraphQlClient.at(server.httpPort());
        IngestionRuns runs = new IngestionRuns(graphql);
        String assetId = runs.createAsset("crm", "refused", List.of(IngestionRuns.column("v", "string")));
        JsonNode write =
                runs.tryAppendRows(assetId, List.of(IngestionRuns.column("v", "string")), List.of(List.of("x")));
        assertThat(write.has("errors")).as(write.toString()).isTrue();
        JsonNode refused = write.get("errors").get(0);
        assertThat(refused.get("extensions").get("code").asText())
                .as(write.toString())
                .isEqualTo("storage-not-owned");
        assertThat(refused.get("message").asText())
                .startsWith("webm_storage_path is marked (.lakehouse-catalog) as the segment folder of catalog "
                        + FOREIGN + ", and this catalog is " + catalogId + ": this server writes and deletes nothing"
                        + " there")
                .doesNotContain(storage.toString());
        assertThat(segmentFiles(storage)).as("no file written").containsExactly(theirs);

        // An expiry deletes files: refused before it changes the catalog, as the writes are.
        JsonNode expiry = graphql.execute(
                "mutation($id: ID!) { expireSnapshots(assetId: $id, olderThan: \"9999-01-01T00:00:00Z\")"
                        + " { snapshotsExpired segmentsDeleted } }",
                Map.of("id", assetId));
        assertThat(GraphQlClient.errorCode(expiry)).as(expiry.toString()).isEqualTo("storage-not-owned");
    }

    /** The exit status of the orphan cleanup the deployment started, once it ended. */
    private static String orphanCleanupExitStatus() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            try (Connection db = ItDatabase.connectCreating(CATALOG);
                    Statement sql = db.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT e.batchstatus, s.exitstatus FROM public.job_execution e"
                            + " JOIN public.job_instance i ON i.jobinstanceid = e.jobinstanceid"
                            + " JOIN public.step_execution s ON s.jobexecutionid = e.jobexecutionid"
                            + " WHERE i.jobname = 'orphan-segment-cleanup' ORDER BY e.jobexecutionid DESC LIMIT 1")) {
                if (rows.next() && "COMPLETED".equals(rows.getString(1))) {
                    return rows.getString(2);
                }
            } catch (java.sql.SQLException notYetCreated) {
                // JBeret creates its tables with the first job.
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the orphan cleanup did not end within 2 minutes");
    }

    private static String catalogId() throws Exception {
        try (Connection db = ItDatabase.connectCreating(CATALOG);
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT catalog_id FROM lakehouse.catalog_identity")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static Set<Path> segmentFiles(Path storage) throws Exception {
        try (Stream<Path> walk = Files.walk(storage)) {
            return walk.filter(p -> p.getFileName().toString().contains(".webm"))
                    .collect(Collectors.toSet());
        }
    }

    private static int portOffset() {
        int arquillianHttpPort = Integer.parseInt(System.getProperty("lakehouse.it.http.port", "8180"));
        return Integer.getInteger("lakehouse.it.storage.port.offset", arquillianHttpPort - 8080 + 300);
    }
}
