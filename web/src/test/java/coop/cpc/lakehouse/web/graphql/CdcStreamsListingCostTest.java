package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.asset.AssetService;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.cdc.CdcStream;
import coop.cpc.lakehouse.application.cdc.CdcStreamPage;
import coop.cpc.lakehouse.application.cdc.CdcStreamService;
import coop.cpc.lakehouse.application.cdc.CdcStreamState;
import coop.cpc.lakehouse.application.cdc.CdcTable;
import coop.cpc.lakehouse.application.cdc.StreamMetrics;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import coop.cpc.lakehouse.web.graphql.dto.CdcStreamTable;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A {@code cdcStreams} listing is one audited catalog read however many streams and tables it shows: the tables'
 * row counts come with the page, not from one audited {@code AssetService.get} per table.
 */
class CdcStreamsListingCostTest {
    private static final int STREAMS = 4;
    private static final int TABLES = 5;

    /** The audited service calls a listing makes, by method name ({@code state} and {@code metrics} are not audited). */
    private final List<String> auditedCalls = new ArrayList<>();

    private final List<CdcStream> streams = IntStream.range(0, STREAMS)
            .mapToObj(CdcStreamsListingCostTest::stream)
            .toList();

    /** Each table's asset holds as many rows as there are tables before it in the listing. */
    private final Map<UUID, Long> rowsByAsset = new HashMap<>();

    {
        for (CdcStream stream : streams) {
            stream.tables().forEach(table -> rowsByAsset.put(table.assetId(), (long) rowsByAsset.size()));
        }
    }

    private static CdcStream stream(int number) {
        List<CdcTable> tables = IntStream.range(0, TABLES)
                .mapToObj(t -> new CdcTable("public.t" + t, UUID.randomUUID(), List.of("id")))
                .toList();
        String name = "erp_" + number;
        String slot = "lakehouse_cdc_" + name;
        return new CdcStream(
                UUID.randomUUID(),
                name,
                "jdbc:postgresql://localhost:5432/erp",
                "cdc",
                "erp_password",
                "erp",
                CdcStream.SnapshotMode.NO_DATA,
                slot,
                slot + "_pub",
                false,
                false,
                List.of("erp"),
                null,
                tables,
                Instant.parse("2026-12-07T09:00:00Z").plusSeconds(number),
                1);
    }

    private CdcApi api() {
        CdcApi api = new CdcApi();
        api.streams = new CdcStreamService() {
            @Override
            public CdcStreamPage page(UUID after, int first) {
                auditedCalls.add("page");
                return new CdcStreamPage(streams, false, rowsByAsset);
            }

            @Override
            public CdcStreamState state(UUID id) {
                return CdcStreamState.RUNNING;
            }

            @Override
            public Optional<StreamMetrics> metrics(UUID id) {
                return Optional.empty();
            }
        };
        // Every AssetService method is audited (DefaultAssetService): each call is an audit entry and a catalog read.
        api.assets = (AssetService) Proxy.newProxyInstance(
                AssetService.class.getClassLoader(), new Class<?>[] {AssetService.class}, (proxy, method, args) -> {
                    auditedCalls.add("assets." + method.getName());
                    throw new UnknownAssetException(String.valueOf(args[0]));
                });
        api.gate = new CallerGate(Set.of("operator"), AuditPurpose.USER_VIEW);
        return api;
    }

    @Test
    void aListingOfSeveralStreamsWithSeveralTablesIsOneAuditedReadWithEveryTablesRows() throws Exception {
        var listed = api().cdcStreams(50, null);

        assertThat(auditedCalls).containsExactly("page");
        assertThat(listed).hasSize(STREAMS);
        for (int s = 0; s < STREAMS; s++) {
            CdcStream stream = streams.get(s);
            assertThat(listed.get(s).tables())
                    .extracting(CdcStreamTable::rows)
                    .containsExactlyElementsOf(IntStream.range(0, TABLES)
                            .mapToObj(
                                    t -> rowsByAsset.get(stream.tables().get(t).assetId()))
                            .toList());
        }
    }
}
