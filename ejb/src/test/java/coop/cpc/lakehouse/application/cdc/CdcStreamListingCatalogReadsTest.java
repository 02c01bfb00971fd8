package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.testing.PartialFake;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.cdc.CdcStreamRepository;
import coop.cpc.lakehouse.catalog.cdc.CdcStreamRow;
import coop.cpc.lakehouse.catalog.cdc.CdcStreamTableRow;
import coop.cpc.lakehouse.config.LakehouseSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A page of {@code cdcStreams} reads the catalog a fixed number of times however many streams and tables it shows:
 * one page of stream rows (with their tables) and one batch of the tables' assets' row counts; the stream a mutation
 * returns gets its tables' row counts in one batch too.
 */
class CdcStreamListingCatalogReadsTest {
    private static final int STREAMS = 5;
    private static final int TABLES = 6;

    private final List<String> reads = new ArrayList<>();
    private final Map<UUID, Long> rowsByAsset = new HashMap<>();
    private final List<CdcStreamRow> rows =
            IntStream.range(0, STREAMS).mapToObj(this::row).toList();

    private CdcStreamRow row(int number) {
        List<CdcStreamTableRow> tables = IntStream.range(0, TABLES)
                .mapToObj(t -> {
                    UUID asset = UUID.randomUUID();
                    rowsByAsset.put(asset, 100L * number + t);
                    return new CdcStreamTableRow("public.t" + t, asset, "[\"id\"]", null, null);
                })
                .toList();
        return new CdcStreamRow(
                UUID.randomUUID(),
                "stream_" + number,
                "jdbc:postgresql://127.0.0.1:5432/shop",
                "reader",
                null,
                "shop",
                "INITIAL",
                "slot_" + number,
                "slot_" + number + "_pub",
                "RUNNING",
                true,
                "[]",
                null,
                tables,
                Instant.parse("2026-12-07T09:00:00Z").plusSeconds(number),
                0);
    }

    /** Answers the repository methods a listing may call; every call is one catalog read. */
    private final class Catalog {
        List<CdcStreamRow> page(TimeOrderCursor after, int limit) {
            reads.add("streams.page");
            return rows.stream()
                    .filter(r -> after == null
                            || r.createdAt().isAfter(after.at())
                            || (r.createdAt().equals(after.at()) && r.id().compareTo(after.id()) > 0))
                    .limit(limit)
                    .toList();
        }

        Optional<CdcStreamRow> find(UUID id) {
            reads.add("streams.find");
            return rows.stream().filter(r -> r.id().equals(id)).findFirst();
        }

        Map<UUID, Long> rowCounts(Collection<UUID> ids) {
            reads.add("assets.rowCounts");
            Map<UUID, Long> counts = new HashMap<>();
            ids.forEach(id -> counts.put(id, rowsByAsset.get(id)));
            return counts;
        }
    }

    private CdcStreamService service() {
        Catalog answers = new Catalog();
        CdcCatalog catalog = new CdcCatalog();
        catalog.streams = PartialFake.of(CdcStreamRepository.class, answers);
        catalog.assets = PartialFake.of(AssetRepository.class, answers);
        CdcStreamService service = new CdcStreamService();
        service.catalog = catalog;
        service.settings = LakehouseSettings.from(name -> Optional.empty());
        return service;
    }

    @Test
    void aPageOfSeveralStreamsWithSeveralTablesIsTwoCatalogReadsWithEveryTablesRowCount() throws Exception {
        CdcStreamPage page = service().page(null, 50);

        assertThat(reads).containsExactly("streams.page", "assets.rowCounts");
        assertThat(page.streams()).extracting(CdcStream::name).hasSize(STREAMS);
        assertThat(page.hasNextPage()).isFalse();
        for (CdcStream stream : page.streams()) {
            for (CdcTable table : stream.tables()) {
                assertThat(page.rows(table.assetId())).isEqualTo(rowsByAsset.get(table.assetId()));
            }
        }
    }

    @Test
    void theRowsOfTheStreamAMutationReturnsAreOneCatalogReadWithTheStreamAsTheAuditedResource() throws Exception {
        CdcStreamService service = service();
        CdcStream stream = service.page(null, 1).streams().get(0);
        reads.clear();

        CdcStreamRows tableRows = service.tableRows(stream);

        assertThat(reads).containsExactly("assets.rowCounts");
        assertThat(tableRows.auditResourceId()).isEqualTo(stream.id().toString());
        assertThat(tableRows.auditDetails().get("resourceIds"))
                .asList()
                .containsExactlyInAnyOrderElementsOf(stream.tables().stream()
                        .map(table -> table.assetId().toString())
                        .toList());
        assertThat(tableRows.assetRows()).hasSize(TABLES);
        for (CdcTable table : stream.tables()) {
            assertThat(tableRows.rows(table.assetId())).isEqualTo(rowsByAsset.get(table.assetId()));
        }
        assertThat(tableRows.rows(UUID.randomUUID()))
                .as("an asset deleted since")
                .isZero();
    }

    @Test
    void theNextPageStartsAfterTheLastStreamOfThePreviousOne() throws Exception {
        CdcStreamService service = service();
        CdcStreamPage first = service.page(null, 2);
        CdcStreamPage next = service.page(first.streams().get(1).id(), 2);

        assertThat(first.hasNextPage()).isTrue();
        assertThat(first.streams()).extracting(CdcStream::name).containsExactly("stream_0", "stream_1");
        assertThat(next.streams()).extracting(CdcStream::name).containsExactly("stream_2", "stream_3");
        assertThat(next.assetRows()).hasSize(2 * TABLES);
    }

    @Test
    void anAfterNamingNoStreamOrAFirstOverTheMaximumIsRefusedNamingTheArgument() {
        CdcStreamService service = service();

        assertThatThrownBy(() -> service.page(UUID.randomUUID(), 10))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("after: no CDC stream has the id");
        assertThatThrownBy(() -> service.page(null, 100_000))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("first must be from 1 to");
        assertThat(reads).doesNotContain("streams.page");
    }
}
