package coop.cpc.lakehouse.application.lineage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.lineage.LineageGraph;
import coop.cpc.lakehouse.application.lineage.LineageGraph.Node;
import coop.cpc.lakehouse.application.lineage.LineageGraph.NodeKind;
import coop.cpc.lakehouse.catalog.lineage.LineageEdge;
import coop.cpc.lakehouse.catalog.lineage.Transformation;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LineageGraphsTest {
    private static final String URI = "postgresql://clinic/db/public.visits";

    private final UUID raw = UUID.randomUUID();
    private final UUID research = UUID.randomUUID();
    private final UUID job = UUID.randomUUID();

    @Test
    void namesAssetsByNamespaceAndNameAndExternalSourcesByUri() {
        LineageEdge ingest =
                new LineageEdge(null, URI, raw, Transformation.INGEST, "{}", "[{\"column\":\"id\"}]", job, 7L, "op");
        LineageEdge anonymize =
                new LineageEdge(raw, null, research, Transformation.ANONYMIZE_RESEARCH, "{}", "[]", null, null, "op");

        LineageGraph graph = LineageGraphs.assemble(
                research,
                List.of(anonymize, ingest),
                false,
                Map.of(raw, "health.raw_visits", research, "research.visits"),
                LineageGraphs.SourceDetails.SHOWN);

        assertThat(graph.nodes())
                .containsExactly(
                        new Node(research.toString(), NodeKind.ASSET, "research.visits"),
                        new Node(raw.toString(), NodeKind.ASSET, "health.raw_visits"),
                        new Node(URI, NodeKind.EXTERNAL, URI));
        assertThat(graph.edges())
                .extracting(LineageGraph.Edge::from, LineageGraph.Edge::to, LineageGraph.Edge::transformation)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(raw.toString(), research.toString(), "ANONYMIZE_RESEARCH"),
                        org.assertj.core.groups.Tuple.tuple(URI, raw.toString(), "INGEST"));
        assertThat(graph.edges().get(1))
                .isEqualTo(new LineageGraph.Edge(
                        ingest.getId(),
                        URI,
                        raw.toString(),
                        "INGEST",
                        job,
                        7L,
                        "[{\"column\":\"id\"}]",
                        ingest.getCreatedAt(),
                        1,
                        7L,
                        ingest.getCreatedAt()));
    }

    @Test
    void anAssetWithoutLineageIsTheOnlyNode() {
        LineageGraph graph = LineageGraphs.assemble(
                raw, List.of(), false, Map.of(raw, "health.raw_visits"), LineageGraphs.SourceDetails.HIDDEN);

        assertThat(graph.nodes()).containsExactly(new Node(raw.toString(), NodeKind.ASSET, "health.raw_visits"));
        assertThat(graph.edges()).isEmpty();
    }

    @Test
    void anAssetWithoutANameIsNamedByItsId() {
        LineageEdge edge = new LineageEdge(raw, null, research, Transformation.COMPACT, "{}", "[]", null, null, "op");

        LineageGraph graph = LineageGraphs.assemble(
                research,
                List.of(edge),
                false,
                Map.of(research, "research.visits"),
                LineageGraphs.SourceDetails.HIDDEN);

        assertThat(graph.nodes()).contains(new Node(raw.toString(), NodeKind.ASSET, raw.toString()));
    }

    @Test
    void hidesAnExternalSourcesUriBehindItsKindAndJob() {
        LineageEdge first = ingest(URI, job, "clinic-visits", "POSTGRES_TABLE");
        LineageEdge second = ingest(URI, job, "clinic-visits", "POSTGRES_TABLE");

        LineageGraph graph = LineageGraphs.assemble(
                raw,
                List.of(first, second),
                false,
                Map.of(raw, "health.raw_visits"),
                LineageGraphs.SourceDetails.HIDDEN);

        String source = "job-source:" + job;
        assertThat(graph.nodes())
                .containsExactly(
                        new Node(raw.toString(), NodeKind.ASSET, "health.raw_visits"),
                        new Node(source, NodeKind.EXTERNAL, "POSTGRES_TABLE job clinic-visits"));
        assertThat(graph.edges()).extracting(LineageGraph.Edge::from).containsExactly(source, source);
        assertThat(graph.toString()).doesNotContain("clinic/db", "postgresql");
    }

    @Test
    void theHiddenSourcesOfTwoJobsStayTwoNodes() {
        UUID otherJob = UUID.randomUUID();
        LineageEdge drop = ingest("file:///srv/drops/secret-folder/*.csv", job, "nightly-drop", "FILE_DROP");
        LineageEdge api = ingest("https://api.example.com/v1/visits", otherJob, "visits-api", "HTTP_API");

        LineageGraph graph = LineageGraphs.assemble(
                raw, List.of(drop, api), false, Map.of(raw, "health.raw_visits"), LineageGraphs.SourceDetails.HIDDEN);

        assertThat(graph.nodes())
                .contains(
                        new Node("job-source:" + job, NodeKind.EXTERNAL, "FILE_DROP job nightly-drop"),
                        new Node("job-source:" + otherJob, NodeKind.EXTERNAL, "HTTP_API job visits-api"));
        assertThat(graph.toString()).doesNotContain("/srv/drops", "secret-folder", "api.example.com");
    }

    @Test
    void aHiddenSourceWithoutJobOrParametersIsNamedByItsEdge() {
        LineageEdge bare = new LineageEdge(null, URI, raw, Transformation.INGEST, "not json", "[]", null, null, "op");

        LineageGraph graph = LineageGraphs.assemble(
                raw, List.of(bare), false, Map.of(raw, "health.raw_visits"), LineageGraphs.SourceDetails.HIDDEN);

        assertThat(graph.nodes())
                .contains(new Node("edge-source:" + bare.getId(), NodeKind.EXTERNAL, "external source"));
        assertThat(graph.toString()).doesNotContain("clinic/db");
    }

    @Test
    void adminsSeeTheSameSourceUnderItsUri() {
        LineageEdge drop = ingest("file:///srv/drops/*.csv", job, "nightly-drop", "FILE_DROP");

        LineageGraph graph = LineageGraphs.assemble(
                raw, List.of(drop), false, Map.of(raw, "health.raw_visits"), LineageGraphs.SourceDetails.SHOWN);

        assertThat(graph.nodes())
                .contains(new Node("file:///srv/drops/*.csv", NodeKind.EXTERNAL, "file:///srv/drops/*.csv"));
    }

    @Test
    void aDeletedSourceAssetIsNamedAsDeletedToEveryCaller() {
        String uri = LineageEdge.deletedAssetUri("health", "raw_visits", raw);
        LineageEdge anonymize =
                new LineageEdge(null, uri, research, Transformation.ANONYMIZE_RESEARCH, "{}", "[]", null, null, "op");

        for (LineageGraphs.SourceDetails details : LineageGraphs.SourceDetails.values()) {
            LineageGraph graph = LineageGraphs.assemble(
                    research, List.of(anonymize), false, Map.of(research, "research.visits"), details);
            assertThat(graph.nodes()).contains(new Node(uri, NodeKind.EXTERNAL, "health.raw_visits (deleted)"));
        }
    }

    /** An INGEST edge as a run records it: its parameters name the job and the source's kind. */
    private LineageEdge ingest(String uri, UUID jobId, String jobName, String sourceType) {
        String parameters = "{\"job\":\"" + jobName + "\",\"sourceType\":\"" + sourceType + "\",\"jobInstanceId\":3}";
        return new LineageEdge(null, uri, raw, Transformation.INGEST, parameters, "[]", jobId, 7L, "op");
    }

    @Test
    void collectsTheAssetIdsAtEitherEndOfTheEdges() {
        LineageEdge ingest = new LineageEdge(null, URI, raw, Transformation.INGEST, "{}", "[]", null, null, "op");
        LineageEdge anonymize =
                new LineageEdge(raw, null, research, Transformation.ANONYMIZE_RESEARCH, "{}", "[]", null, null, "op");

        assertThat(LineageGraphs.assetIds(research, List.of(anonymize, ingest))).containsExactly(research, raw);
    }

    @Test
    void rejectsADepthOutsideOneToTen() throws InvalidInputException {
        assertThat(DefaultLineageService.validDepth(1)).isEqualTo(1);
        assertThat(DefaultLineageService.validDepth(10)).isEqualTo(10);
        assertThatThrownBy(() -> DefaultLineageService.validDepth(0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("depth is 0; it must be from 1 to 10");
        assertThatThrownBy(() -> DefaultLineageService.validDepth(11))
                .hasMessage("depth is 11; it must be from 1 to 10");
    }
}
