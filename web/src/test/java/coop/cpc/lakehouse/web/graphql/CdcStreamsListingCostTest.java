package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.cdc.CdcStream;
import coop.cpc.lakehouse.application.cdc.CdcStreamPage;
import coop.cpc.lakehouse.web.graphql.dto.CdcStreamTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A {@code cdcStreams} listing is one audited catalog read however many streams and tables it shows: the tables'
 * row counts come with the page, not from one audited {@code AssetService.get} per table.
 */
class CdcStreamsListingCostTest {
    private static final int STREAMS = 4;
    private static final int TABLES = CdcApiCostFixture.TABLES;

    /** The audited service calls a listing makes, by method name ({@code state} and {@code metrics} are not audited). */
    private final List<String> auditedCalls = new ArrayList<>();

    private final List<CdcStream> streams =
            IntStream.range(0, STREAMS).mapToObj(CdcApiCostFixture::stream).toList();

    /** Each table's asset holds as many rows as there are tables before it in the listing. */
    private final Map<UUID, Long> rowsByAsset = new HashMap<>();

    {
        for (CdcStream stream : streams) {
            stream.tables().forEach(table -> rowsByAsset.put(table.assetId(), (long) rowsByAsset.size()));
        }
    }

    private CdcApi api() {
        return CdcApiCostFixture.api(
                new CdcApiCostFixture.RunningStreams() {
                    @Override
                    public CdcStreamPage page(UUID after, int first) {
                        auditedCalls.add("page");
                        return new CdcStreamPage(streams, false, rowsByAsset);
                    }
                },
                "operator");
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
