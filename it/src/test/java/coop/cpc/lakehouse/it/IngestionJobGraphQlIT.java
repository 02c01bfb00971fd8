package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.GraphQlClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ingestion jobs stored in the catalog, read through the GraphQL API. */
class IngestionJobGraphQlIT extends DeployedEarFixture {
    @Test
    void listsJobsOfTheCatalogByStatusPageByPage() throws Exception {
        List<UUID> failed = new ArrayList<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            UUID id = insertJob("failed_job_" + i, "FAILED", start.plusSeconds(i));
            failed.add(id);
        }
        UUID succeeded = insertJob("succeeded_job", "SUCCEEDED", start.plusSeconds(10));

        List<String> seen = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        for (JsonNode page : graphql.allPages(
                "query($first: Int!, $after: String) { ingestionJobs(status: FAILED, first: $first, after: $after) "
                        + "{ nodes { id name status sourceType schedule maxErrors } pageInfo { hasNextPage endCursor } } }",
                Map.of("first", 2),
                data -> data.get("ingestionJobs"))) {
            page.get("nodes").forEach(node -> {
                seen.add(node.get("id").asText());
                statuses.add(node.get("status").asText());
            });
        }

        // Other tests' runs may have failed jobs in the same catalog, created later: ours come first, in order.
        assertThat(seen.subList(0, failed.size()))
                .containsExactlyElementsOf(failed.stream().map(UUID::toString).toList());
        assertThat(seen).doesNotHaveDuplicates().doesNotContain(succeeded.toString());
        assertThat(statuses).containsOnly("FAILED");
    }

    @Test
    void readsOneJobAndReportsUnknownIds() throws Exception {
        UUID id = insertJob("one_job", "PENDING", Instant.parse("2026-02-01T00:00:00Z"));

        JsonNode job = graphql.data(
                        "query($id: ID!) { ingestionJob(id: $id) { id name status sourceType schedule rowsIngested } }",
                        Map.of("id", id.toString()))
                .get("ingestionJob");
        JsonNode unknown = graphql.execute(
                "query($id: ID!) { ingestionJob(id: $id) { id } }",
                Map.of("id", UUID.randomUUID().toString()));

        assertThat(job.get("name").asText()).isEqualTo("one_job");
        assertThat(job.get("sourceType").asText()).isEqualTo("SLED");
        assertThat(job.get("schedule").asText()).isEqualTo("MANUAL");
        assertThat(errorCode(unknown)).isEqualTo("unknown-ingestion-job");
    }

    private static UUID insertJob(String name, String status, Instant createdAt) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection db = ItDatabase.connect();
                PreparedStatement insert = db.prepareStatement("INSERT INTO lakehouse.ingestion_jobs "
                        + "(id, name, source_type, source_config, schedule, status, max_errors, created_by, created_at, updated_at, version) "
                        + "VALUES (?, ?, 'SLED', '{\"path\": \"/data/db\"}'::jsonb, 'MANUAL', ?, 10, 'it', ?, ?, 0)")) {
            insert.setObject(1, id);
            insert.setString(2, name);
            insert.setString(3, status);
            insert.setTimestamp(4, Timestamp.from(createdAt));
            insert.setTimestamp(5, Timestamp.from(createdAt));
            insert.executeUpdate();
        }
        return id;
    }
}
