package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.lineage.LineageGraph;
import coop.cpc.lakehouse.config.LakehouseSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A lineage answer counts against the request's graphql_max_response_bytes, like rows: aliases share it. */
class LineageApiTest {
    private static final UUID ASSET = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
    private static final String MAPPINGS =
            "[" + "{\"column\":\"c\",\"sourceField\":\"c\",\"derivation\":\"copy\"},".repeat(40) + "{}]";

    @Test
    void eachAnswerSpendsTheBudgetAndOneThatNoLongerFitsIsRefused() throws Exception {
        LineageApi api = api(6000);
        long one = LineageApi.estimatedBytes(api.lineage(ASSET.toString(), null, 1));

        assertThat(one).isGreaterThan(MAPPINGS.length()).isLessThan(MAPPINGS.length() + 1024L);
        assertThat(api.budget.remaining()).isEqualTo(6000 - one);
        api.lineage(ASSET.toString(), null, 1);
        assertThatThrownBy(() -> api.lineage(ASSET.toString(), null, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("lineage would return about " + one + " bytes, more than the " + (6000 - 2 * one)
                        + " left of graphql_max_response_bytes: ask for less depth or one direction");
    }

    private static LineageApi api(long maxResponseBytes) {
        LineageApi api = new LineageApi();
        api.lineage = (assetId, direction, depth) -> new LineageGraph(
                List.of(
                        new LineageGraph.Node(assetId.toString(), LineageGraph.NodeKind.ASSET, "health.vitals"),
                        new LineageGraph.Node("job-source:j", LineageGraph.NodeKind.EXTERNAL, "FILE_DROP job j")),
                List.of(new LineageGraph.Edge(
                        UUID.randomUUID(),
                        "job-source:j",
                        assetId.toString(),
                        "INGEST",
                        null,
                        7L,
                        MAPPINGS,
                        Instant.parse("2026-01-02T03:04:05Z"),
                        1,
                        7L,
                        Instant.parse("2026-01-02T03:04:05Z"))),
                false);
        api.budget = new ResponseBudget();
        Map<String, String> config =
                Map.of("data_lakehouse.graphql_max_response_bytes", String.valueOf(maxResponseBytes));
        api.budget.settings = LakehouseSettings.from(name -> Optional.ofNullable(config.get(name)));
        api.budget.start();
        return api;
    }
}
