package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.job.JobRun;
import coop.cpc.lakehouse.application.job.StepRun;
import coop.cpc.lakehouse.catalog.job.SourceType;
import coop.cpc.lakehouse.web.graphql.dto.IngestionJob;
import coop.cpc.lakehouse.web.graphql.dto.JobExecution;
import coop.cpc.lakehouse.web.graphql.dto.LineageDirection;
import coop.cpc.lakehouse.web.graphql.dto.LineageEdge;
import coop.cpc.lakehouse.web.graphql.dto.LineageGraph;
import coop.cpc.lakehouse.web.graphql.dto.LineageNode;
import coop.cpc.lakehouse.web.graphql.dto.LineageNodeKind;
import coop.cpc.lakehouse.web.graphql.dto.StepExecution;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AssemblerTest {
    private static final UUID JOB = UUID.fromString("0b3e9f4c-5d7a-4e21-8f00-6a2b9c1d3e4f");
    private static final Instant STARTED = Instant.parse("2026-03-01T02:00:00Z");

    @Test
    void showsAJobsSourceConfigVersionAndChunkSize() {
        String config = "{\"kind\":\"FILE_DROP\",\"directory\":\"/data/drop\",\"glob\":\"*.csv\"}";
        IngestionJob job = Assembler.job(new coop.cpc.lakehouse.catalog.job.IngestionJob(
                "visits", SourceType.FILE_DROP, config, null, "tester"));
        assertThat(job.sourceConfig()).isEqualTo(config);
        assertThat(job.version()).isZero();
        assertThat(job.chunkSize()).isEqualTo(10_000);
    }

    @Test
    void mapsARunWithItsSteps() {
        JobRun run = new JobRun(
                12,
                7,
                JOB,
                "STOPPED",
                "STOPPED",
                "RESTART",
                9L,
                true,
                STARTED,
                null,
                List.of(new StepRun("read", "STOPPED", 20_000, 19_990, 10, 2, 0, 0, 30_000L)),
                "rejects/12.ndjson");
        assertThat(Assembler.execution(run))
                .isEqualTo(new JobExecution(
                        "12",
                        "7",
                        JOB.toString(),
                        "STOPPED",
                        "STOPPED",
                        "RESTART",
                        "9",
                        true,
                        OffsetDateTime.of(2026, 3, 1, 2, 0, 0, 0, ZoneOffset.UTC),
                        null,
                        "rejects/12.ndjson",
                        List.of(new StepExecution("read", "STOPPED", 20_000, 19_990, 10, 2, 0, 0, 30_000L))));
    }

    @Test
    void mapsAFirstRunWithoutSteps() {
        JobRun run = new JobRun(1, 1, JOB, "STARTING", null, "MANUAL", null, false, null, null, null, null);
        JobExecution execution = Assembler.execution(run);
        assertThat(execution.restartOf()).isNull();
        assertThat(execution.startedAt()).isNull();
        assertThat(execution.steps()).isEmpty();
    }

    @Test
    void mapsALineageGraph() {
        UUID asset = UUID.fromString("7d1f6c2e-1b7a-4f57-9a4e-3c1de0f6a8b1");
        UUID edge = UUID.fromString("c4a2b1d0-9e8f-4a7b-8c6d-5e4f3a2b1c0d");
        String uri = "postgresql://db:5432/clinic/public.visits";
        coop.cpc.lakehouse.application.lineage.LineageGraph graph =
                new coop.cpc.lakehouse.application.lineage.LineageGraph(
                        List.of(
                                new coop.cpc.lakehouse.application.lineage.LineageGraph.Node(
                                        asset.toString(),
                                        coop.cpc.lakehouse.application.lineage.LineageGraph.NodeKind.ASSET,
                                        "clinic.visits"),
                                new coop.cpc.lakehouse.application.lineage.LineageGraph.Node(
                                        uri,
                                        coop.cpc.lakehouse.application.lineage.LineageGraph.NodeKind.EXTERNAL,
                                        uri)),
                        List.of(new coop.cpc.lakehouse.application.lineage.LineageGraph.Edge(
                                edge,
                                uri,
                                asset.toString(),
                                "INGEST",
                                JOB,
                                12L,
                                "[{\"column\":\"id\",\"sourceField\":\"id\",\"derivation\":\"copy\"}]",
                                STARTED,
                                3,
                                15L,
                                STARTED.plusSeconds(120))),
                        true);
        assertThat(Assembler.lineage(graph))
                .isEqualTo(new LineageGraph(
                        List.of(
                                new LineageNode(asset.toString(), LineageNodeKind.ASSET, "clinic.visits"),
                                new LineageNode(uri, LineageNodeKind.EXTERNAL, uri)),
                        List.of(new LineageEdge(
                                edge.toString(),
                                uri,
                                asset.toString(),
                                "INGEST",
                                JOB.toString(),
                                "12",
                                "[{\"column\":\"id\",\"sourceField\":\"id\",\"derivation\":\"copy\"}]",
                                OffsetDateTime.of(2026, 3, 1, 2, 0, 0, 0, ZoneOffset.UTC),
                                3,
                                "15",
                                OffsetDateTime.of(2026, 3, 1, 2, 2, 0, 0, ZoneOffset.UTC))),
                        true));
    }

    @Test
    void lineageWalksUpstreamUnlessToldOtherwise() {
        assertThat(Assembler.direction(null))
                .isEqualTo(coop.cpc.lakehouse.application.lineage.LineageDirection.UPSTREAM);
        assertThat(Assembler.direction(LineageDirection.BOTH))
                .isEqualTo(coop.cpc.lakehouse.application.lineage.LineageDirection.BOTH);
    }
}
