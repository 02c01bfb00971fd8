package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.cdc.CdcStream;
import coop.cpc.lakehouse.application.cdc.CdcStreamRows;
import coop.cpc.lakehouse.application.cdc.NewCdcStream;
import coop.cpc.lakehouse.web.graphql.dto.CdcStreamInput;
import coop.cpc.lakehouse.web.graphql.dto.CdcStreamTable;
import coop.cpc.lakehouse.web.graphql.dto.CdcStreamUpdateInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A CDC stream mutation that returns its stream is its own audited call and at most one more, however many tables the
 * stream captures: the tables' row counts come from one batched read, not one audited {@code AssetService.get} per
 * table (a start of a 100-table stream wrote 101 audit entries).
 */
class CdcStreamMutationsCostTest {
    private final CdcStream stream = CdcApiCostFixture.stream(0);

    /** Each table's asset holds ten times its position's rows. */
    private final Map<UUID, Long> rowsByAsset = new HashMap<>();

    {
        stream.tables().forEach(table -> rowsByAsset.put(table.assetId(), 10L * rowsByAsset.size()));
    }

    /** The audited service calls a mutation makes, by method name ({@code state} and {@code metrics} are not audited). */
    private final List<String> auditedCalls = new ArrayList<>();

    private CdcApi api() {
        return CdcApiCostFixture.api(
                new CdcApiCostFixture.RunningStreams() {
                    @Override
                    public CdcStream create(NewCdcStream definition) {
                        return managed("create");
                    }

                    @Override
                    public CdcStream createFinanceIngestionJob(
                            String name, String url, String user, String passwordAlias, String table) {
                        return managed("createFinanceIngestionJob");
                    }

                    @Override
                    public CdcStream update(UUID id, List<String> addTables, String user, String passwordAlias) {
                        return managed("update");
                    }

                    @Override
                    public CdcStream start(UUID id) {
                        return managed("start");
                    }

                    @Override
                    public CdcStream stop(UUID id) {
                        return managed("stop");
                    }

                    @Override
                    public CdcStream restart(UUID id) {
                        return managed("restart");
                    }

                    @Override
                    public CdcStream delete(UUID id, boolean dropSlot) {
                        return managed("delete");
                    }

                    @Override
                    public CdcStreamRows tableRows(CdcStream of) {
                        auditedCalls.add("tableRows");
                        return new CdcStreamRows(of.id(), rowsByAsset);
                    }
                },
                "admin");
    }

    private CdcStream managed(String operation) {
        auditedCalls.add(operation);
        return stream;
    }

    /** Each mutation that returns a stream, with the service call it makes. */
    static Stream<Arguments> mutations() {
        String id = UUID.randomUUID().toString();
        CdcStreamInput input = new CdcStreamInput(
                "erp_0", "jdbc:postgresql://127.0.0.1:5432/erp", "cdc", null, List.of("public.t0"), "erp", null, null);
        return Stream.of(
                Arguments.of("create", (Mutation) api -> api.createCdcStream(input)),
                Arguments.of("createFinanceIngestionJob", (Mutation) api -> api.createFinanceIngestionJob(
                        "erp_0", "jdbc:postgresql://127.0.0.1:5432/erp", "cdc", null, "public.t0")),
                Arguments.of("update", (Mutation)
                        api -> api.updateCdcStream(id, new CdcStreamUpdateInput(List.of("public.t9")))),
                Arguments.of("start", (Mutation) api -> api.startCdcStream(id)),
                Arguments.of("stop", (Mutation) api -> api.stopCdcStream(id)),
                Arguments.of("restart", (Mutation) api -> api.restartCdcStream(id)),
                Arguments.of("delete", (Mutation) api -> api.deleteCdcStream(id, false)));
    }

    /** One mutation of the API. */
    interface Mutation {
        coop.cpc.lakehouse.web.graphql.dto.CdcStream call(CdcApi api) throws Exception;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void aMutationOfAStreamOfSeveralTablesIsItsOwnAuditedCallAndOneBatchedReadOfTheRows(
            String operation, Mutation mutation) throws Exception {
        var shown = mutation.call(api());

        assertThat(auditedCalls).containsExactly(operation, "tableRows");
        assertThat(shown.tables()).extracting(CdcStreamTable::rows).containsExactly(0L, 10L, 20L, 30L, 40L);
    }
}
